//! The query service's `filter` (FIQL as VCD reads it): `a==v` (`*` wildcards make it
//! case-insensitive), `a!=v`, `=lt= =le= =gt= =ge=` on numbers, dates and text, `;` (and) binding
//! tighter than `,` (or), and parentheses. From API 35.0 a value escapes `( ) ; , \` with a
//! backslash; below it values arrive percent-encoded twice and are decoded once more when the query
//! says `filterEncoded=true`.

#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    And(Vec<Expr>),
    Or(Vec<Expr>),
    Cmp { attr: String, op: Op, value: String },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

/// How values are written: backslash escapes (API 35.0 on), or percent-encoded a second time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Escaping {
    Backslash,
    Percent { decode: bool },
}

struct Parser<'a> {
    text: &'a str,
    chars: Vec<char>,
    at: usize,
    escaping: Escaping,
}

fn bracket_error(text: &str) -> String {
    format!("Bad request: Unmatched opening and closing brackets in expression {text}")
}

pub fn parse(text: &str, escaping: Escaping) -> Result<Expr, String> {
    let mut p = Parser {
        text,
        chars: text.chars().collect(),
        at: 0,
        escaping,
    };
    let e = p.or()?;
    if p.at < p.chars.len() {
        return Err(if p.chars[p.at] == ')' {
            bracket_error(text)
        } else {
            format!(
                "Bad request: Invalid filter expression {text}: unexpected '{}' at position {}",
                p.chars[p.at],
                p.at + 1
            )
        });
    }
    Ok(e)
}

impl Parser<'_> {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn or(&mut self) -> Result<Expr, String> {
        let mut parts = vec![self.and()?];
        while self.peek() == Some(',') {
            self.at += 1;
            parts.push(self.and()?);
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Expr::Or(parts)
        })
    }

    fn and(&mut self) -> Result<Expr, String> {
        let mut parts = vec![self.factor()?];
        while self.peek() == Some(';') {
            self.at += 1;
            parts.push(self.factor()?);
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Expr::And(parts)
        })
    }

    fn factor(&mut self) -> Result<Expr, String> {
        if self.peek() == Some('(') {
            self.at += 1;
            let e = self.or()?;
            if self.peek() != Some(')') {
                return Err(bracket_error(self.text));
            }
            self.at += 1;
            return Ok(e);
        }
        self.comparison()
    }

    fn comparison(&mut self) -> Result<Expr, String> {
        let start = self.at;
        while let Some(c) = self.peek() {
            if c.is_ascii_alphanumeric() || c == '_' || c == '.' || c == '@' {
                self.at += 1;
            } else {
                break;
            }
        }
        let attr: String = self.chars[start..self.at].iter().collect();
        let rest: String = self.chars[self.at..].iter().collect();
        let (op, len) = [
            ("==", Op::Eq),
            ("!=", Op::Ne),
            ("=lt=", Op::Lt),
            ("=le=", Op::Le),
            ("=gt=", Op::Gt),
            ("=ge=", Op::Ge),
        ]
        .iter()
        .find(|(s, _)| rest.starts_with(s))
        .map(|(s, op)| (*op, s.chars().count()))
        .ok_or_else(|| {
            if matches!(self.peek(), Some('(') | Some(')')) || attr.is_empty() && self.peek().is_none() {
                bracket_error(self.text)
            } else {
                format!(
                    "Bad request: Invalid filter expression {}: expected a comparison such as name==web* at position {}",
                    self.text,
                    start + 1
                )
            }
        })?;
        if attr.is_empty() {
            return Err(format!(
                "Bad request: Invalid filter expression {}: a comparison needs a property name before its operator",
                self.text
            ));
        }
        self.at += len;
        let mut value = String::new();
        while let Some(c) = self.peek() {
            match (c, self.escaping) {
                ('\\', Escaping::Backslash) => {
                    self.at += 1;
                    match self.peek() {
                        Some(next) => {
                            value.push(next);
                            self.at += 1;
                        }
                        None => value.push('\\'),
                    }
                }
                (';' | ',' | ')', _) => break,
                ('(', _) => return Err(bracket_error(self.text)),
                _ => {
                    value.push(c);
                    self.at += 1;
                }
            }
        }
        if let Escaping::Percent { decode: true } = self.escaping {
            value = percent_decode(&value);
        }
        Ok(Expr::Cmp { attr, op, value })
    }
}

fn percent_decode(text: &str) -> String {
    let hex = |b: u8| (b as char).to_digit(16).map(|d| d as u8);
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push(h * 16 + l);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Every property a filter names, to check them against the query type's.
pub fn attributes(e: &Expr, out: &mut Vec<String>) {
    match e {
        Expr::And(p) | Expr::Or(p) => p.iter().for_each(|e| attributes(e, out)),
        Expr::Cmp { attr, .. } => out.push(attr.clone()),
    }
}

/// Orders two values as VCD does: as numbers when both are, as instants when both are dates,
/// else as text.
pub fn compare(a: &str, b: &str) -> std::cmp::Ordering {
    if let (Ok(x), Ok(y)) = (a.parse::<f64>(), b.parse::<f64>()) {
        return x.partial_cmp(&y).unwrap_or(std::cmp::Ordering::Equal);
    }
    if let (Some(x), Some(y)) = (
        crate::clock::parse_iso8601(a),
        crate::clock::parse_iso8601(b),
    ) {
        return x.cmp(&y);
    }
    a.cmp(b)
}

/// `*` matches any run of characters, case-insensitively.
fn glob(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.to_lowercase().chars().collect();
    let t: Vec<char> = text.to_lowercase().chars().collect();
    let (mut pi, mut ti, mut star, mut mark) = (0, 0, None, 0);
    while ti < t.len() {
        if pi < p.len() && p[pi] != '*' && p[pi] == t[ti] {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ti;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi] == '*' {
        pi += 1;
    }
    pi == p.len()
}

fn equals(pattern: &str, value: &str) -> bool {
    if pattern.contains('*') {
        glob(pattern, value)
    } else {
        pattern == value
    }
}

/// Whether a record matches; `get` reads a property's value (`None` when the record has none).
pub fn matches<'a>(e: &Expr, get: &dyn Fn(&str) -> Option<&'a str>) -> bool {
    match e {
        Expr::And(p) => p.iter().all(|e| matches(e, get)),
        Expr::Or(p) => p.iter().any(|e| matches(e, get)),
        Expr::Cmp { attr, op, value } => {
            let Some(actual) = get(attr) else {
                return *op == Op::Ne;
            };
            use std::cmp::Ordering::*;
            match op {
                Op::Eq => equals(value, actual),
                Op::Ne => !equals(value, actual),
                Op::Lt => compare(actual, value) == Less,
                Op::Le => compare(actual, value) != Greater,
                Op::Gt => compare(actual, value) == Greater,
                Op::Ge => compare(actual, value) != Less,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cmp(attr: &str, op: Op, value: &str) -> Expr {
        Expr::Cmp {
            attr: attr.into(),
            op,
            value: value.into(),
        }
    }

    #[test]
    fn and_binds_tighter_than_or_and_parentheses_group() {
        let e = parse("a==1,b==2;c==3", Escaping::Backslash).unwrap();
        assert_eq!(
            e,
            Expr::Or(vec![
                cmp("a", Op::Eq, "1"),
                Expr::And(vec![cmp("b", Op::Eq, "2"), cmp("c", Op::Eq, "3")])
            ])
        );
        let e = parse("(a==1,b==2);c=ge=3", Escaping::Backslash).unwrap();
        assert_eq!(
            e,
            Expr::And(vec![
                Expr::Or(vec![cmp("a", Op::Eq, "1"), cmp("b", Op::Eq, "2")]),
                cmp("c", Op::Ge, "3")
            ])
        );
    }

    #[test]
    fn values_escape_by_the_rule_of_their_version() {
        let e = parse(r"name==a\(b\)\;c\,d", Escaping::Backslash).unwrap();
        assert_eq!(e, cmp("name", Op::Eq, "a(b);c,d"));
        // Below 35.0 a backslash is just a character, and a value's brackets come percent-encoded.
        let e = parse("name==a%28b%29%3Bc", Escaping::Percent { decode: true }).unwrap();
        assert_eq!(e, cmp("name", Op::Eq, "a(b);c"));
        let e = parse(r"name==a\b", Escaping::Percent { decode: false }).unwrap();
        assert_eq!(e, cmp("name", Op::Eq, r"a\b"));
        // An unescaped bracket inside a value is a syntax error, as on a real VCD.
        let err = parse("name==a(b)", Escaping::Backslash).unwrap_err();
        assert!(
            err.starts_with("Bad request: Unmatched opening and closing brackets"),
            "{err}"
        );
    }

    #[test]
    fn bad_filters_are_refused_with_vcds_message() {
        for bad in ["(name==a", "name==a)", "name", "==a", "name=a"] {
            let err = parse(bad, Escaping::Backslash).unwrap_err();
            assert!(err.starts_with("Bad request:"), "{bad}: {err}");
        }
        assert!(parse("(name==a", Escaping::Backslash)
            .unwrap_err()
            .contains("Unmatched"));
    }

    #[test]
    fn wildcards_ignore_case_and_plain_equality_does_not() {
        let get = |v: &'static str| move |_: &str| Some(v);
        let e = parse("name==WEB*", Escaping::Backslash).unwrap();
        assert!(matches(&e, &get("web-frontend")));
        let e = parse("name==Web-frontend", Escaping::Backslash).unwrap();
        assert!(!matches(&e, &get("web-frontend")));
        let e = parse("n=gt=9", Escaping::Backslash).unwrap();
        assert!(matches(&e, &get("10")), "numbers compare as numbers");
        let e = parse("d=lt=2026-01-05T10:00:00.000Z", Escaping::Backslash).unwrap();
        assert!(
            matches(&e, &get("2026-01-05T10:30:00.000+02:00")),
            "dates compare as instants"
        );
        assert!(glob("*a*b*", "xxAyyBzz") && !glob("a*b", "ab c"));
    }
}
