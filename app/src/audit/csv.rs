//! CSV lines for the audit export (RFC 4180), safe to open in a spreadsheet.

use super::list_audit::AuditRow;

/// The header line.
pub const HEADER: &str = "at,actor,action,target,outcome,detail\r\n";

/// One entry as a CSV line, ending in CRLF.
pub fn line(row: &AuditRow) -> String {
    let fields = [
        row.at.to_rfc3339(),
        row.actor.clone().unwrap_or_default(),
        row.action.clone(),
        row.target.clone().unwrap_or_default(),
        row.outcome.clone(),
        row.detail.clone(),
    ];
    let mut line = fields
        .iter()
        .map(|f| field(f))
        .collect::<Vec<_>>()
        .join(",");
    line.push_str("\r\n");
    line
}

/// Quotes a field when needed, and defuses text a spreadsheet would run as a formula.
fn field(raw: &str) -> String {
    let defused = if raw.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{raw}")
    } else {
        raw.to_owned()
    };
    if defused.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", defused.replace('"', "\"\""))
    } else {
        defused
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_and_formulas_defused() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(field("{\"a\":1}"), "\"{\"\"a\"\":1}\"");
    }
}
