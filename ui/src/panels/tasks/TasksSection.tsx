// The sidebar's Tasks section: every task of this run's sessions, running first, then the ended
// ones newest first, each with its progress, Cancel while it runs and its error when it fails.
import { useState } from "react";
import { listedTasks, taskRunning, useApp } from "../../state/app";
import { TaskProgress } from "./TaskProgress";

/** How many ended tasks the section shows before "Show all". */
const SHOWN_ENDED = 5;

export function TasksSection() {
  const tasks = useApp((s) => s.tasks);
  const [all, setAll] = useState(false);
  const listed = listedTasks(tasks);
  if (listed.length === 0) return null;
  const running = listed.filter(taskRunning);
  const ended = listed.filter((t) => !taskRunning(t));
  const shownEnded = all ? ended : ended.slice(0, SHOWN_ENDED);
  return (
    <section className="tasks-section" aria-label="Tasks" data-testid="tasks-section">
      <h2 className="sidebar-title">
        Tasks{" "}
        <span className="small muted" data-testid="tasks-count">
          {running.length > 0 ? `${running.length} running` : `${ended.length} ended`}
        </span>
      </h2>
      <ul className="task-list">
        {[...running, ...shownEnded].map((t) => (
          <li key={t.task.href}>
            <TaskProgress task={t} compact />
          </li>
        ))}
      </ul>
      {ended.length > SHOWN_ENDED && (
        <button className="link-button small" onClick={() => setAll(!all)}>
          {all ? "Show fewer" : `Show all ${ended.length} ended`}
        </button>
      )}
    </section>
  );
}
