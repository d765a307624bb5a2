import { afterEach, describe, expect, it, vi } from "vitest";
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import type { TaskView } from "../../api/backend";
import { listedTasks } from "../../state/app";
import { testApp } from "../../state/testing";
import { TaskProgress } from "./TaskProgress";

function task(status: TaskView["task"]["status"], extra: Partial<TaskView["task"]> = {}, seen = 1): TaskView {
  return {
    profile_id: "demo",
    seen_at_ms: seen,
    elapsed_ms: 1500,
    task: {
      href: `https://vcd/api/task/${status}-${seen}`,
      status,
      operation: "Starting Virtual Application web-frontend(1)",
      operation_name: "vappPowerOn",
      progress: 40,
      owner: { element: "Owner", name: "web-frontend", type: "application/vnd.vmware.vcloud.vApp+xml", href: "https://vcd/api/vApp/vapp-1" },
      error: null,
      cancel_href: null,
      start_time: null,
      end_time: null,
      ...extra,
    },
  };
}

describe("TaskProgress", () => {
  afterEach(cleanup);

  it("shows a running task's progress and cancels it through the backend", async () => {
    const cancelTask = vi.fn((_p: string, href: string) => Promise.resolve({ ...task("canceled"), task: { ...task("canceled").task, href } }));
    const { wrap } = testApp({ cancelTask });
    render(wrap(<TaskProgress task={task("running")} />));
    expect(screen.getByTestId("task-percent").textContent).toBe("40 %");
    expect(screen.getByTestId("task-elapsed").textContent).toBe("1.5 s");
    await act(async () => fireEvent.click(screen.getByTestId("task-cancel")));
    expect(cancelTask).toHaveBeenCalledWith("demo", "https://vcd/api/task/running-1");
    // The store's newer state replaces what the answer showed.
    expect(screen.getByTestId("task").dataset.status).toBe("canceled");
  });

  it("decodes a failed task's error and offers to reload its entity", () => {
    const { wrap } = testApp({});
    const failed = task("error", { error: { major: "500", minor: "INTERNAL_SERVER_ERROR", message: "Tools are not running" } });
    render(wrap(<TaskProgress task={failed} />));
    expect(screen.getByTestId("task-error").textContent).toBe("INTERNAL_SERVER_ERROR: Tools are not running");
    expect(screen.queryByTestId("task-cancel")).toBeNull();
    expect(screen.getByTestId("task-reload").textContent).toBe("Reload web-frontend");
  });

  it("lists running tasks first, then the ended ones newest first", () => {
    const tasks = [task("success", {}, 1), task("running", {}, 2), task("error", {}, 3), task("queued", {}, 0)];
    const order = listedTasks(Object.fromEntries(tasks.map((t) => [t.task.href, t]))).map((t) => t.task.status);
    expect(order).toEqual(["running", "queued", "error", "success"]);
  });
});
