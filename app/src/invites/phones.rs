//! Phone numbers as people paste them: one per line or comma-separated, checked as E.164 (a `+`
//! and 8 to 15 digits; spaces, dashes, dots and parentheses are ignored), duplicates removed.
//! Shared by the browser (shown as one types) and the server (checked again).

use super::text;
use serde::{Deserialize, Serialize};

/// The most numbers one invitation batch may hold.
pub const MAX_BATCH: usize = 500;

/// A phone number in E.164 form: `+` and 8 to 15 digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct E164Phone(String);

impl E164Phone {
    /// Parses one number as typed; the error says why it is not one, in plain words.
    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let trimmed = raw.trim();
        let Some(rest) = trimmed.strip_prefix('+') else {
            return Err(if trimmed.chars().any(|c| c.is_ascii_digit()) {
                text::NEEDS_PLUS
            } else {
                text::NOT_A_NUMBER
            });
        };
        let mut digits = String::with_capacity(rest.len());
        for c in rest.chars() {
            match c {
                '0'..='9' => digits.push(c),
                ' ' | '-' | '(' | ')' | '.' | '\u{a0}' => {}
                _ => return Err(text::BAD_CHARACTER),
            }
        }
        if digits.starts_with('0') {
            return Err(text::LEADING_ZERO);
        }
        match digits.len() {
            0..=7 => Err(text::TOO_SHORT),
            8..=15 => Ok(Self(format!("+{digits}"))),
            _ => Err(text::TOO_LONG),
        }
    }

    /// The number with its `+`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The digits only, as WhatsApp names the recipient.
    pub fn digits(&self) -> &str {
        &self.0[1..]
    }

    /// All but the last four digits hidden, as the rest of GroupDesk shows numbers.
    pub fn masked(&self) -> String {
        crate::chat::domain::mask_phone(self.digits())
    }
}

/// An entry that is not a phone number, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rejected {
    /// What was typed, trimmed.
    pub input: String,
    /// Why it was refused.
    pub reason: String,
}

/// What a pasted list holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhoneList {
    /// The distinct numbers, in the order first given.
    pub numbers: Vec<E164Phone>,
    /// Entries given more than once (counted after the first).
    pub duplicates: usize,
    /// Entries that are not numbers.
    pub rejected: Vec<Rejected>,
}

impl PhoneList {
    /// Splits `raw` on line breaks, commas and semicolons, and checks each entry.
    pub fn parse(raw: &str) -> Self {
        let mut list = Self::default();
        let mut seen = std::collections::HashSet::new();
        for entry in raw.split(['\n', '\r', ',', ';']) {
            let entry = entry.trim();
            if entry.is_empty() {
                continue;
            }
            match E164Phone::parse(entry) {
                Ok(phone) => {
                    if seen.insert(phone.clone()) {
                        list.numbers.push(phone);
                    } else {
                        list.duplicates += 1;
                    }
                }
                Err(reason) => list.rejected.push(Rejected {
                    input: entry.chars().take(40).collect(),
                    reason: reason.to_owned(),
                }),
            }
        }
        list
    }

    /// Whether the batch can be sent as it is: some numbers, none refused, at most [`MAX_BATCH`].
    pub fn check(&self) -> Result<(), String> {
        if !self.rejected.is_empty() {
            return Err(format!("{} {}", self.rejected.len(), text::FIX_INVALID));
        }
        if self.numbers.is_empty() {
            return Err(text::NO_NUMBERS.to_owned());
        }
        if self.numbers.len() > MAX_BATCH {
            return Err(format!(
                "{} {} {MAX_BATCH}. {}",
                self.numbers.len(),
                text::TOO_MANY,
                text::SPLIT
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_accepted_with_spaces_dashes_and_parentheses() {
        let phone = E164Phone::parse(" +1 (555) 123-4567 ").unwrap();
        assert_eq!(phone.as_str(), "+15551234567");
        assert_eq!(phone.digits(), "15551234567");
        assert_eq!(phone.masked(), "+•••••••4567");
        assert_eq!(
            E164Phone::parse("+44 20 7946 0958").unwrap().as_str(),
            "+442079460958"
        );
    }

    #[test]
    fn non_numbers_are_refused_with_the_reason() {
        assert_eq!(E164Phone::parse("15551234567"), Err(text::NEEDS_PLUS));
        assert_eq!(E164Phone::parse("hello"), Err(text::NOT_A_NUMBER));
        assert_eq!(E164Phone::parse("+1555abc4567"), Err(text::BAD_CHARACTER));
        assert_eq!(E164Phone::parse("+1234567"), Err(text::TOO_SHORT));
        assert_eq!(E164Phone::parse("+1234567890123456"), Err(text::TOO_LONG));
        assert_eq!(E164Phone::parse("+0123456789"), Err(text::LEADING_ZERO));
        assert!(E164Phone::parse("+12345678").is_ok());
        assert!(E164Phone::parse("+123456789012345").is_ok());
    }

    #[test]
    fn lists_split_on_lines_and_commas_and_drop_duplicates() {
        let list = PhoneList::parse("+15551234567\n+1 555 123 4567, +447700900123;\n\nnope\r\n");
        let numbers: Vec<&str> = list.numbers.iter().map(E164Phone::as_str).collect();
        assert_eq!(numbers, ["+15551234567", "+447700900123"]);
        assert_eq!(list.duplicates, 1);
        assert_eq!(list.rejected.len(), 1);
        assert_eq!(list.rejected[0].input, "nope");
        assert!(list.check().is_err());
        assert!(PhoneList::parse("").check().is_err());
        assert!(PhoneList::parse("+15551234567").check().is_ok());
    }

    #[test]
    fn batches_are_capped() {
        let many: Vec<String> = (0..=MAX_BATCH).map(|i| format!("+1555{i:07}")).collect();
        let list = PhoneList::parse(&many.join("\n"));
        assert_eq!(list.numbers.len(), MAX_BATCH + 1);
        let error = list.check().unwrap_err();
        assert!(error.contains("500"), "{error}");
    }
}
