// One VCD task as it runs and ends: its operation, status and progress bar, Cancel while it runs,
// its Error decoded when it fails, and the entity it acted on to reload once it has ended. The
// response view shows it under the status line; the Tasks section lists them all.
import type { TaskView } from "../../api/backend";
import { formatElapsed } from "../../components/format";
import { taskRunning, taskTitle, useActions, useApp } from "../../state/app";

interface Props {
  /** The task as the answer showed it; the store's later polls replace it. */
  task: TaskView;
  compact?: boolean;
}

const STATUS_WORD: Record<TaskView["task"]["status"], string> = {
  queued: "Queued",
  preRunning: "Starting",
  running: "Running",
  success: "Succeeded",
  error: "Failed",
  canceled: "Canceled",
  aborted: "Aborted",
};

export function TaskProgress({ task, compact = false }: Props) {
  const actions = useActions();
  const view = useApp((s) => s.tasks[task.task.href]) ?? task;
  const t = view.task;
  const running = taskRunning(view);
  const percent = t.status === "success" ? 100 : (t.progress ?? 0);
  const owner = t.owner;
  // A narrow list names the entity and the operation; the response view gives VCD's sentence.
  const title = compact && owner?.name ? `${owner.name}: ${t.operation_name}` : taskTitle(view);
  const actionButton = running ? (
    <button className="small" onClick={() => void actions.cancelTask(view.profile_id, t.href)} data-testid="task-cancel">
      Cancel
    </button>
  ) : (
    owner && (
      <button
        className="small"
        onClick={() => void actions.reloadEntity(view.profile_id, owner.href, owner.name)}
        data-testid="task-reload"
        title={`Open ${owner.href} as it is now`}
      >
        {compact ? "Reload" : `Reload ${owner.name ?? "the entity"}`}
      </button>
    )
  );
  return (
    <div
      className={`task task-status-${t.status}${compact ? " compact" : ""}`}
      data-testid="task"
      data-status={t.status}
      data-href={t.href}
      role="group"
      aria-label={`Task: ${taskTitle(view)}`}
    >
      <div className="task-line">
        <span className={`badge ${t.status === "error" || t.status === "aborted" ? "badge-error" : t.status === "success" ? "badge-ok" : "badge-muted"}`}>
          {STATUS_WORD[t.status]}
        </span>
        <span className="task-title" title={t.operation || t.operation_name}>
          {title}
        </span>
        {!compact && actionButton}
      </div>
      <div className="task-line">
        <progress max={100} value={percent} aria-label={`${title}: ${percent} %`} data-testid="task-progress" />
        <span className="small mono nowrap" data-testid="task-percent">
          {percent} %
        </span>
        <span className="small muted nowrap" data-testid="task-elapsed">
          {formatElapsed(view.elapsed_ms)}
        </span>
        {compact && actionButton}
      </div>
      {t.error && (
        <p className="task-error small" data-testid="task-error">
          <strong>{t.error.minor ?? "Error"}</strong>: {t.error.message}
        </p>
      )}
    </div>
  );
}
