//! Text from a server made safe for a terminal: a VCD error message or a body may hold escape
//! sequences that recolour, retitle or rewrite the user's terminal. Control characters (other than
//! newline and tab) and the bidirectional overrides of "Trojan source" are shown as visible escapes,
//! as Git does for a remote's messages.

use std::borrow::Cow;

fn is_hostile(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every control character except newline and tab written as `\x1b` or `\u{9b}`.
pub fn terminal_safe(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_hostile) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if !is_hostile(c) {
            out.push(c);
        } else if (c as u32) < 0x80 {
            out.push_str(&format!("\\x{:02x}", c as u32));
        } else {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_become_visible_and_plain_text_is_untouched() {
        assert_eq!(
            terminal_safe("Bad \u{1b}]0;owned\u{7}\u{1b}[31mred\r\nok\tfine"),
            "Bad \\x1b]0;owned\\x07\\x1b[31mred\\x0d\nok\tfine"
        );
        assert_eq!(
            terminal_safe("a\u{9b}2Jb\u{202e}c"),
            "a\\u{9b}2Jb\\u{202e}c"
        );
        assert!(matches!(terminal_safe("Größe ✓"), Cow::Borrowed(_)));
    }
}
