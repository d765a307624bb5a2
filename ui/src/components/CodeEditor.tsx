// The body editor and viewer: a React wrapper around CodeMirror (components/codemirror.ts), which it
// loads the first time a body is shown, so windows that show none never load the editor's code.
import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from "react";
import type { CodeLanguage, Editor } from "./codemirror";
import { Spinner } from "./Spinner";

export type { CodeLanguage };

interface Props {
  value: string;
  language: CodeLanguage;
  readOnly?: boolean;
  onChange?: (value: string) => void;
  /** Ctrl/Cmd+Enter inside the editor (the composer sends). */
  onSubmit?: () => void;
  label: string;
  testId?: string;
}

/** Adds text at the end without replacing the document (a large body arrives in chunks). */
export interface CodeEditorHandle {
  append: (text: string) => void;
}

/** Syntax colours, folding, search (Ctrl+F) and the OS's light or dark theme. */
export const CodeEditor = forwardRef<CodeEditorHandle, Props>(function CodeEditor(
  { value, language, readOnly = false, onChange, onSubmit, label, testId },
  handle,
) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<Editor | null>(null);
  // Chunks appended while the editor's code is still loading; the editor starts with them.
  const pending = useRef("");
  const latest = useRef({ value, language, onChange, onSubmit });
  latest.current = { value, language, onChange, onSubmit };
  const [failed, setFailed] = useState<string | null>(null);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    let live = true;
    import("./codemirror")
      .then(({ createEditor }) => {
        if (!live || !host.current) return;
        const now = latest.current;
        editor.current = createEditor({
          parent: host.current,
          doc: now.value + pending.current,
          language: now.language,
          readOnly,
          label,
          onChange: (text) => latest.current.onChange?.(text),
          onSubmit: () => {
            latest.current.onSubmit?.();
            return latest.current.onSubmit !== undefined;
          },
        });
        pending.current = "";
        setReady(true);
      })
      .catch((e: unknown) => live && setFailed(String(e)));
    return () => {
      live = false;
      editor.current?.destroy();
      editor.current = null;
      setReady(false);
    };
    // The editor is made once; value and language changes are applied below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [readOnly]);

  useEffect(() => {
    pending.current = "";
    editor.current?.setDoc(value);
  }, [value]);

  useEffect(() => {
    editor.current?.setLanguage(language);
  }, [language]);

  useImperativeHandle(handle, () => ({
    append: (text: string) => {
      if (editor.current) editor.current.append(text);
      else pending.current += text;
    },
  }));

  return (
    <>
      {!ready && !failed && <Spinner label="Loading the editor…" />}
      {failed && (
        <p className="warning small">
          The editor could not be loaded ({failed}). Restart the app; if it stays, reinstall it.
        </p>
      )}
      <div className="code-editor" ref={host} data-testid={testId} />
    </>
  );
});
