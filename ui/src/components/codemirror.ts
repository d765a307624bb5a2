// CodeMirror 6, loaded on demand: the Connection view never needs it, and the window's web process
// only pays for the editor's code once a body is shown or edited (CodeEditor imports this lazily).
// A read-only body gets a viewer's set (line numbers, folding, colours, search, keyboard moves);
// editing, history, brackets and completion are only for the composer's body.
import { basicSetup } from "codemirror";
import { defaultKeymap } from "@codemirror/commands";
import { foldGutter, foldKeymap, syntaxHighlighting, defaultHighlightStyle } from "@codemirror/language";
import { searchKeymap } from "@codemirror/search";
import { Compartment, EditorState, type Extension } from "@codemirror/state";
import { EditorView, highlightSpecialChars, keymap, lineNumbers } from "@codemirror/view";
import { xml } from "@codemirror/lang-xml";
import { json } from "@codemirror/lang-json";
import { oneDark } from "@codemirror/theme-one-dark";

export type CodeLanguage = "xml" | "json" | "text";

export interface EditorOptions {
  parent: HTMLElement;
  doc: string;
  language: CodeLanguage;
  readOnly: boolean;
  label: string;
  onChange: (value: string) => void;
  /** Ctrl/Cmd+Enter; false lets the key go on (nothing to submit). */
  onSubmit: () => boolean;
}

/** The editor and the few changes the wrapper makes to it after creation. */
export interface Editor {
  setDoc: (text: string) => void;
  append: (text: string) => void;
  setLanguage: (language: CodeLanguage) => void;
  destroy: () => void;
}

const viewing: Extension = [
  lineNumbers(),
  foldGutter(),
  highlightSpecialChars(),
  syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
  keymap.of([...defaultKeymap, ...searchKeymap, ...foldKeymap]),
];

function languageOf(language: CodeLanguage): Extension {
  return language === "xml" ? xml() : language === "json" ? json() : [];
}

const dark = () => window.matchMedia?.("(prefers-color-scheme: dark)").matches ?? false;

export function createEditor(o: EditorOptions): Editor {
  const lang = new Compartment();
  const theme = new Compartment();
  const view = new EditorView({
    parent: o.parent,
    state: EditorState.create({
      doc: o.doc,
      extensions: [
        keymap.of([{ key: "Mod-Enter", run: o.onSubmit }]),
        o.readOnly ? viewing : basicSetup,
        lang.of(languageOf(o.language)),
        theme.of(dark() ? oneDark : []),
        EditorState.readOnly.of(o.readOnly),
        EditorView.editable.of(!o.readOnly),
        // A read-only body stays reachable by keyboard, to scroll and select it.
        EditorView.contentAttributes.of(o.readOnly ? { "aria-label": o.label, tabindex: "0" } : { "aria-label": o.label }),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) o.onChange(u.state.doc.toString());
        }),
      ],
    }),
  });
  const media = window.matchMedia?.("(prefers-color-scheme: dark)");
  const follow = () => view.dispatch({ effects: theme.reconfigure(dark() ? oneDark : []) });
  media?.addEventListener?.("change", follow);
  return {
    setDoc: (text) => {
      if (view.state.doc.toString() !== text) {
        view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
      }
    },
    append: (text) => view.dispatch({ changes: { from: view.state.doc.length, insert: text } }),
    setLanguage: (language) => view.dispatch({ effects: lang.reconfigure(languageOf(language)) }),
    destroy: () => {
      media?.removeEventListener?.("change", follow);
      view.destroy();
    },
  };
}
