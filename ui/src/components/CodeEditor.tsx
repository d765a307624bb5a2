import { forwardRef, useEffect, useImperativeHandle, useRef } from "react";
import { basicSetup } from "codemirror";
import { EditorView, keymap } from "@codemirror/view";
import { Compartment, EditorState } from "@codemirror/state";
import { xml } from "@codemirror/lang-xml";
import { json } from "@codemirror/lang-json";
import { oneDark } from "@codemirror/theme-one-dark";

export type CodeLanguage = "xml" | "json" | "text";

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

const dark = () => window.matchMedia?.("(prefers-color-scheme: dark)").matches ?? false;

function languageOf(language: CodeLanguage) {
  return language === "xml" ? xml() : language === "json" ? json() : [];
}

/** Adds text at the end without replacing the document (a large body arrives in chunks). */
export interface CodeEditorHandle {
  append: (text: string) => void;
}

/** CodeMirror 6 with syntax colours, folding, search (Ctrl+F) and the OS's light or dark theme. */
export const CodeEditor = forwardRef<CodeEditorHandle, Props>(function CodeEditor(
  { value, language, readOnly = false, onChange, onSubmit, label, testId },
  handle,
) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const lang = useRef(new Compartment());
  const theme = useRef(new Compartment());
  const callbacks = useRef({ onChange, onSubmit });
  callbacks.current = { onChange, onSubmit };

  useEffect(() => {
    if (!host.current) return;
    const editor = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: value,
        extensions: [
          keymap.of([
            {
              key: "Mod-Enter",
              run: () => {
                callbacks.current.onSubmit?.();
                return callbacks.current.onSubmit !== undefined;
              },
            },
          ]),
          basicSetup,
          lang.current.of(languageOf(language)),
          theme.current.of(dark() ? oneDark : []),
          EditorState.readOnly.of(readOnly),
          EditorView.editable.of(!readOnly),
          // A read-only body stays reachable by keyboard, to scroll and select it.
          EditorView.contentAttributes.of(readOnly ? { "aria-label": label, tabindex: "0" } : { "aria-label": label }),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) callbacks.current.onChange?.(u.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = editor;
    const media = window.matchMedia?.("(prefers-color-scheme: dark)");
    const follow = () => editor.dispatch({ effects: theme.current.reconfigure(dark() ? oneDark : []) });
    media?.addEventListener?.("change", follow);
    return () => {
      media?.removeEventListener?.("change", follow);
      editor.destroy();
      view.current = null;
    };
    // The editor is made once; value and language changes are applied below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [readOnly]);

  useEffect(() => {
    const editor = view.current;
    if (editor && editor.state.doc.toString() !== value) {
      editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value } });
    }
  }, [value]);

  useEffect(() => {
    view.current?.dispatch({ effects: lang.current.reconfigure(languageOf(language)) });
  }, [language]);

  useImperativeHandle(handle, () => ({
    append: (text: string) => {
      const editor = view.current;
      if (editor) editor.dispatch({ changes: { from: editor.state.doc.length, insert: text } });
    },
  }));

  return <div className="code-editor" ref={host} data-testid={testId} />;
});
