import { describe, expect, it } from "vitest";
import { fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { QueryParams } from "./QueryParams";

function Harness({ start }: { start: string }) {
  const [url, setUrl] = useState(start);
  return (
    <>
      <QueryParams url={url} onChange={setUrl} />
      <output data-testid="url">{url}</output>
    </>
  );
}

describe("QueryParams", () => {
  it("shows the query as rows and writes edits back into the URL", () => {
    render(<Harness start="/api/query?type=vApp&page=2&filter=(name==web*)" />);
    expect((screen.getByLabelText("Value of type") as HTMLInputElement).value).toBe("vApp");
    expect((screen.getByLabelText("Value of filter") as HTMLInputElement).value).toBe("(name==web*)");
    fireEvent.change(screen.getByLabelText("Value of page"), { target: { value: "3" } });
    expect(screen.getByTestId("url").textContent).toBe("/api/query?type=vApp&page=3&filter=%28name%3D%3Dweb*%29");
    fireEvent.click(screen.getByLabelText("Remove filter"));
    fireEvent.click(screen.getByLabelText("Remove type"));
    fireEvent.click(screen.getByLabelText("Remove page"));
    expect(screen.getByTestId("url").textContent).toBe("/api/query");
  });
});
