//! A strict well-formedness check of the report's HTML, for tests (no browser is
//! installed where they run): every element that is opened is closed, in order, except
//! HTML's void elements and `/>`-closed ones (SVG); attribute values are quoted; every
//! `&` starts an entity; `<style>` holds only CSS. It accepts what the report writes and
//! rejects the mistakes string-built HTML makes (an unclosed `<details>`, a stray `<`,
//! text that was not escaped).

const VOID: &[&str] =
    &["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"];

/// Ok, or where and why `html` is not well formed.
pub fn check(html: &str) -> Result<(), String> {
    let b = html.as_bytes();
    let mut open: Vec<&str> = Vec::new();
    let mut i = 0;
    let at = |i: usize| {
        let line = html[..i].matches('\n').count() + 1;
        format!("line {line}")
    };
    while i < b.len() {
        match b[i] {
            b'<' if html[i..].starts_with("<!--") => {
                i += html[i..].find("-->").ok_or_else(|| format!("{}: unclosed comment", at(i)))? + 3;
            }
            b'<' if html[i..].starts_with("<!DOCTYPE") => {
                i += html[i..].find('>').ok_or("unclosed doctype")? + 1;
            }
            b'<' => {
                let end = tag_end(html, i).ok_or_else(|| format!("{}: unclosed tag", at(i)))?;
                let tag = &html[i + 1..end];
                if let Some(name) = tag.strip_prefix('/') {
                    let name = name.trim();
                    match open.pop() {
                        Some(o) if o == name => {}
                        Some(o) => return Err(format!("{}: </{name}> closes <{o}>", at(i))),
                        None => return Err(format!("{}: </{name}> closes nothing", at(i))),
                    }
                } else {
                    let name_end = tag.find(|c: char| c.is_whitespace() || c == '/').unwrap_or(tag.len());
                    let name = &tag[..name_end];
                    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == ':') {
                        return Err(format!("{}: bad tag <{tag}>", at(i)));
                    }
                    attributes(&tag[name_end..]).map_err(|e| format!("{}: <{name}>: {e}", at(i)))?;
                    let closed = tag.ends_with('/') || VOID.contains(&name.to_ascii_lowercase().as_str());
                    if name == "style" || name == "script" {
                        let close = format!("</{name}>");
                        let body_end =
                            html[end..].find(&close).ok_or_else(|| format!("{}: unclosed <{name}>", at(i)))?;
                        i = end + body_end + close.len();
                        continue;
                    }
                    if !closed {
                        open.push(name);
                    }
                }
                i = end + 1;
            }
            b'&' => {
                let semi = html[i..].find(';').filter(|&s| s > 1 && s < 10);
                let entity = semi.map(|s| &html[i + 1..i + s]);
                let ok = entity.is_some_and(|e| {
                    e.strip_prefix('#').map_or(e.chars().all(|c| c.is_ascii_alphanumeric()), |n| {
                        n.strip_prefix('x').map_or(n.parse::<u32>().is_ok(), |h| u32::from_str_radix(h, 16).is_ok())
                    })
                });
                if !ok {
                    return Err(format!("{}: a bare '&'", at(i)));
                }
                i += 1;
            }
            b'>' => return Err(format!("{}: a bare '>' in text", at(i))),
            _ => i += 1,
        }
    }
    match open.last() {
        Some(o) => Err(format!("<{o}> is never closed")),
        None => Ok(()),
    }
}

/// The index of the `>` ending the tag that starts at `start` (quotes respected).
fn tag_end(html: &str, start: usize) -> Option<usize> {
    let mut quote = None;
    for (k, c) in html[start + 1..].char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return Some(start + 1 + k),
            (None, '<') => return None,
            _ => {}
        }
    }
    None
}

/// Attributes `name="value"`, `name='value'` or bare `name`.
fn attributes(mut rest: &str) -> Result<(), String> {
    loop {
        rest = rest.trim_start();
        if rest.is_empty() || rest == "/" {
            return Ok(());
        }
        let name_end = rest.find(|c: char| c == '=' || c.is_whitespace() || c == '/').unwrap_or(rest.len());
        if name_end == 0 {
            return Err(format!("bad attribute at {rest:?}"));
        }
        rest = &rest[name_end..];
        if let Some(value) = rest.strip_prefix('=') {
            let q = value.chars().next().filter(|c| *c == '"' || *c == '\'').ok_or("an unquoted attribute value")?;
            let close = value[1..].find(q).ok_or("an unclosed attribute value")?;
            rest = &value[close + 2..];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::check;

    #[test]
    fn accepts_good_and_rejects_bad_html() {
        let good = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><style>a > b {}</style></head>\
                    <body><p class='x'>a &amp; b &#39;</p><details><summary>s</summary><br><svg><path d=\"M0\"/></svg>\
                    </details></body></html>";
        check(good).unwrap();
        for bad in [
            "<p>unclosed",
            "<p><b>crossed</p></b>",
            "<p>a & b</p>",
            "<p>1 < 2</p>",
            "<p>2 > 1</p>",
            "<p class=x>unquoted</p>",
            "</p>",
            "<details><summary>s</summary>",
        ] {
            assert!(check(bad).is_err(), "{bad}");
        }
    }
}
