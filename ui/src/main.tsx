// The entry point: mounts the app on the real backend, with a readable message instead of a
// blank window if rendering fails.
import { Component, StrictMode, type ReactNode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { backend } from "./api/backend";
import "./styles.css";

/** A rendering bug shows a readable message instead of a blank window. */
class Crashed extends Component<{ children: ReactNode }, { error: Error | null }> {
  state = { error: null as Error | null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  render() {
    if (this.state.error) {
      return (
        <div className="error-banner" role="alert">
          <strong>The window hit a bug and cannot show this view.</strong>
          <p>{this.state.error.message}</p>
          <button onClick={() => this.setState({ error: null })}>Try again</button>
        </div>
      );
    }
    return this.props.children;
  }
}

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <Crashed>
        <App backend={backend} />
      </Crashed>
    </StrictMode>,
  );
}
