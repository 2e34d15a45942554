//! WhatsApp's text formatting, for the compose preview and the history: `*bold*`, `_italic_`,
//! `~strikethrough~`, `` `inline code` ``, ```` ```monospace``` ````, and lines that start with
//! `> ` (quote), `- ` or `* ` (bullet) or `1. ` (numbered). Parsed into a tree and rendered as
//! elements, never as HTML, so a message cannot inject markup.

use leptos::prelude::*;

/// A run of formatted text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Span {
    Plain(String),
    Bold(Vec<Span>),
    Italic(Vec<Span>),
    Strike(Vec<Span>),
    /// Inline code or a monospace block: shown as written.
    Code(String),
}

/// How a line is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Plain,
    Quote,
    Bullet,
    Numbered,
}

/// One line of a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub kind: LineKind,
    pub spans: Vec<Span>,
}

/// Parses a message into lines of spans. A ```` ``` ```` block may span lines.
pub fn parse(text: &str) -> Vec<Line> {
    let mut lines = Vec::new();
    for raw in split_outside_blocks(text) {
        let (kind, rest) = line_kind(&raw);
        lines.push(Line {
            kind,
            spans: spans(&rest.chars().collect::<Vec<_>>()),
        });
    }
    lines
}

/// Splits on newlines that are not inside a ```` ``` ```` block.
fn split_outside_blocks(text: &str) -> Vec<String> {
    let mut lines = vec![String::new()];
    let mut in_block = false;
    let mut rest = text;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("```") {
            in_block = !in_block && after.contains("```");
            if let Some(line) = lines.last_mut() {
                line.push_str("```");
            }
            rest = after;
            continue;
        }
        let mut chars = rest.chars();
        let Some(c) = chars.next() else { break };
        if c == '\n' && !in_block {
            lines.push(String::new());
        } else if let Some(line) = lines.last_mut() {
            line.push(c);
        }
        rest = chars.as_str();
    }
    lines
}

fn line_kind(line: &str) -> (LineKind, &str) {
    if let Some(rest) = line.strip_prefix("> ") {
        return (LineKind::Quote, rest);
    }
    if let Some(rest) = line.strip_prefix("- ").or_else(|| line.strip_prefix("* ")) {
        return (LineKind::Bullet, rest);
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && line[digits..].starts_with(". ") {
        return (LineKind::Numbered, line);
    }
    (LineKind::Plain, line)
}

fn is_marker(c: char) -> bool {
    matches!(c, '*' | '_' | '~')
}

/// Whether the marker at `i` may open a span: at the start or after white space or
/// punctuation, and followed by something other than white space.
fn can_open(chars: &[char], i: usize) -> bool {
    let before = i == 0 || chars[i - 1].is_whitespace() || chars[i - 1].is_ascii_punctuation();
    let after = chars.get(i + 1).is_some_and(|c| !c.is_whitespace());
    before && after
}

/// Whether the marker at `j` may close a span: after something other than white space, and at
/// the end or before white space or punctuation.
fn can_close(chars: &[char], j: usize) -> bool {
    let before = j > 0 && !chars[j - 1].is_whitespace();
    let after = chars
        .get(j + 1)
        .is_none_or(|c| c.is_whitespace() || c.is_ascii_punctuation());
    before && after
}

fn spans(chars: &[char]) -> Vec<Span> {
    let mut out = Vec::new();
    let mut plain = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if chars[i..].starts_with(&['`', '`', '`'])
            && let Some(end) = find(chars, i + 3, &['`', '`', '`'])
        {
            flush(&mut plain, &mut out);
            out.push(Span::Code(chars[i + 3..end].iter().collect()));
            i = end + 3;
            continue;
        }
        if c == '`'
            && let Some(end) = find(chars, i + 1, &['`']).filter(|end| *end > i + 1)
        {
            flush(&mut plain, &mut out);
            out.push(Span::Code(chars[i + 1..end].iter().collect()));
            i = end + 1;
            continue;
        }
        if is_marker(c)
            && can_open(chars, i)
            && let Some(end) = (i + 2..chars.len()).find(|&j| chars[j] == c && can_close(chars, j))
        {
            flush(&mut plain, &mut out);
            let inner = spans(&chars[i + 1..end]);
            out.push(match c {
                '*' => Span::Bold(inner),
                '_' => Span::Italic(inner),
                _ => Span::Strike(inner),
            });
            i = end + 1;
            continue;
        }
        plain.push(c);
        i += 1;
    }
    flush(&mut plain, &mut out);
    out
}

fn find(chars: &[char], from: usize, needle: &[char]) -> Option<usize> {
    (from..chars.len()).find(|&j| chars[j..].starts_with(needle))
}

fn flush(plain: &mut String, out: &mut Vec<Span>) {
    if !plain.is_empty() {
        out.push(Span::Plain(std::mem::take(plain)));
    }
}

/// A message's text with its formatting applied.
#[component]
pub fn Formatted(#[prop(into)] text: String) -> impl IntoView {
    parse(&text)
        .into_iter()
        .enumerate()
        .map(|(n, line)| {
            let class = match line.kind {
                LineKind::Plain => "line",
                LineKind::Quote => "line quote",
                LineKind::Bullet => "line bullet",
                LineKind::Numbered => "line numbered",
            };
            view! {
                {(n > 0).then(|| view! { <br/> })}
                <span class=class>{render(line.spans)}</span>
            }
        })
        .collect_view()
}

fn render(spans: Vec<Span>) -> AnyView {
    spans
        .into_iter()
        .map(|span| match span {
            Span::Plain(text) => text.into_any(),
            Span::Bold(inner) => view! { <strong>{render(inner)}</strong> }.into_any(),
            Span::Italic(inner) => view! { <em>{render(inner)}</em> }.into_any(),
            Span::Strike(inner) => view! { <s>{render(inner)}</s> }.into_any(),
            Span::Code(code) => view! { <code>{code}</code> }.into_any(),
        })
        .collect_view()
        .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(text: &str) -> Span {
        Span::Plain(text.into())
    }

    fn one_line(text: &str) -> Vec<Span> {
        let mut lines = parse(text);
        assert_eq!(lines.len(), 1, "{text:?}");
        lines.remove(0).spans
    }

    #[test]
    fn markers_at_word_boundaries_format_and_nest() {
        assert_eq!(
            one_line("a *bold* and _it_ ~gone~"),
            vec![
                plain("a "),
                Span::Bold(vec![plain("bold")]),
                plain(" and "),
                Span::Italic(vec![plain("it")]),
                plain(" "),
                Span::Strike(vec![plain("gone")]),
            ]
        );
        assert_eq!(
            one_line("*_both_*"),
            vec![Span::Bold(vec![Span::Italic(vec![plain("both")])])]
        );
        assert_eq!(
            one_line("(*x*)."),
            vec![plain("("), Span::Bold(vec![plain("x")]), plain(").")]
        );
    }

    #[test]
    fn stray_or_inner_markers_stay_plain() {
        assert_eq!(one_line("2*3*4"), vec![plain("2*3*4")]);
        assert_eq!(one_line("a * b * c"), vec![plain("a * b * c")]);
        assert_eq!(one_line("snake_case_name"), vec![plain("snake_case_name")]);
        assert_eq!(one_line("*open"), vec![plain("*open")]);
        assert_eq!(one_line("**"), vec![plain("**")]);
    }

    #[test]
    fn code_is_shown_as_written() {
        assert_eq!(
            one_line("run `a *b*` now"),
            vec![plain("run "), Span::Code("a *b*".into()), plain(" now")]
        );
        let lines = parse("```\nfn *x*\n```");
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].spans, vec![Span::Code("\nfn *x*\n".into())]);
    }

    #[test]
    fn lines_can_be_quotes_bullets_or_numbered() {
        let kinds: Vec<LineKind> = parse("> said\n- one\n* two\n3. three\nplain")
            .into_iter()
            .map(|line| line.kind)
            .collect();
        assert_eq!(
            kinds,
            vec![
                LineKind::Quote,
                LineKind::Bullet,
                LineKind::Bullet,
                LineKind::Numbered,
                LineKind::Plain
            ]
        );
        assert_eq!(parse("> said")[0].spans, vec![plain("said")]);
        assert_eq!(parse("3. three")[0].spans, vec![plain("3. three")]);
    }
}
