//! The pattern scrubber (issue 14): takes out of free text what identifies a child without
//! naming them — UPNs and UPN-like tokens, dates, UK phone numbers, postcodes, e-mail addresses
//! and house numbers with a street — before free text may leave in a pseudonymised export. Each
//! is replaced by a marker saying what was removed, so the worker's preview shows it. Names are
//! scrubbed separately (by the names the caseload holds); this catches what a name list cannot.
//!
//! It errs towards removing: a date that is not a birthday is removed too. It does not touch
//! ordinary counts ("Met 3 times", "Year 9", "2 of 5 sessions").

use std::sync::LazyLock;

use regex::{Captures, Regex};

/// What kind of thing was removed, as the marker that replaces it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Removed {
    Email,
    Upn,
    Date,
    Phone,
    Postcode,
    Address,
}

impl Removed {
    pub fn marker(self) -> &'static str {
        match self {
            Removed::Email => "[email removed]",
            Removed::Upn => "[UPN removed]",
            Removed::Date => "[date removed]",
            Removed::Phone => "[phone removed]",
            Removed::Postcode => "[postcode removed]",
            Removed::Address => "[address removed]",
        }
    }
}

/// Free text after the scrubber, with what it removed (in the order found, repeats kept).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scrubbed {
    pub text: String,
    pub removed: Vec<Removed>,
}

const MONTHS: &str = "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";

/// Street words that are rarely anything else in a case note, matched in any case.
const STREETS: &str = "road|rd|street|st|lane|ln|avenue|ave|drive|dr|crescent|cres|terrace|gardens|gdns|grove|mews|square|sq|boulevard";
/// Street words that are ordinary words too ("close the case"), matched only capitalised.
const STREETS_CAPITALISED: &str =
    "Close|Way|Place|Court|Park|View|Rise|Hill|Walk|Row|Green|Gate|Parade|Wharf|Yard";

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("a valid built-in pattern")
}

struct Patterns {
    email: Regex,
    token13: Regex,
    dates: [Regex; 3],
    phone: Regex,
    postcode: Regex,
    address: Regex,
    flat: Regex,
}

static PATTERNS: LazyLock<Patterns> = LazyLock::new(|| Patterns {
    email: re(r"(?i)[a-z0-9._%+\-]+@[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,}"),
    // A UPN is a letter and 12 digits (a temporary UPN ends in a letter); any 13-character
    // token of letters and digits with 10 digits or more is taken for one.
    token13: re(r"\b[A-Za-z0-9]{13}\b"),
    dates: [
        // 2014-05-06, 2014/5/6
        re(r"\b\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\b"),
        // 06/05/2014, 6.5.14, 6-5-2014
        re(r"\b\d{1,2}[/.\-]\d{1,2}[/.\-](?:\d{4}|\d{2})\b"),
        // 6 May 2014, 6th May, May 6th 2014, 6 May 14
        re(&format!(
            r"(?i)\b(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{MONTHS})\b(?:\.?,?\s+\d{{4}}|\.?\s+\d{{2}}\b)?|(?:{MONTHS})\b\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+\d{{4}})?)"
        )),
    ],
    // +44 7700 900123, 07700 900123, 0113 496 0000, (0113) 496-0000: checked by digit count.
    phone: re(r"(?:\+\s?44\s?(?:\(0\)\s?)?|\(?\b0)\d[\d\s\-()]{7,14}\d\b"),
    // AB1 2CD, ab12cd, B12 9AA, SW1A 1AA.
    postcode: re(r"(?i)\b[a-z]{1,2}\d[a-z\d]?\s*\d[a-z]{2}\b"),
    // 4 Acacia Road, Flat 2, 10 High St, 12a Mill Lane, 7 Elm Close.
    address: re(&format!(
        r"(?:(?i:\b(?:flat|apartment|apt|unit)\s*\d+[a-z]?),?\s*)?\b\d{{1,4}}[A-Za-z]?,?\s+(?:[A-Za-z'\-]+\s+){{1,3}}(?:(?i:{STREETS})|{STREETS_CAPITALISED})\b\.?"
    )),
    flat: re(r"(?i)\b(?:flat|apartment|apt)\s*\d+[a-z]?\b"),
});

/// Runs every pattern over `text`.
pub fn scrub_identifiers(text: &str) -> Scrubbed {
    let p = &*PATTERNS;
    let mut removed = Vec::new();
    let mut text = replace(&p.email, text, Removed::Email, &mut removed, |_| true);
    text = replace(&p.token13, &text, Removed::Upn, &mut removed, |m| {
        m.chars().filter(char::is_ascii_digit).count() >= 10
    });
    for date in &p.dates {
        text = replace(date, &text, Removed::Date, &mut removed, |_| true);
    }
    text = replace(&p.phone, &text, Removed::Phone, &mut removed, |m| {
        let digits = m.chars().filter(char::is_ascii_digit).count();
        let international = m.trim_start().starts_with('+');
        if international {
            (11..=13).contains(&digits)
        } else {
            (10..=11).contains(&digits)
        }
    });
    text = replace(&p.address, &text, Removed::Address, &mut removed, |_| true);
    text = replace(&p.flat, &text, Removed::Address, &mut removed, |_| true);
    text = replace(&p.postcode, &text, Removed::Postcode, &mut removed, |m| {
        // "Y9 2AB"-like tokens are rare; "a1" words are not postcodes without the inward part.
        m.chars().any(|c| c.is_ascii_digit())
    });
    Scrubbed { text, removed }
}

fn replace(
    re: &Regex,
    text: &str,
    kind: Removed,
    removed: &mut Vec<Removed>,
    accept: impl Fn(&str) -> bool,
) -> String {
    re.replace_all(text, |c: &Captures<'_>| {
        let m = &c[0];
        if accept(m) {
            removed.push(kind);
            kind.marker().to_string()
        } else {
            m.to_string()
        }
    })
    .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn s(text: &str) -> String {
        scrub_identifiers(text).text
    }

    #[test]
    fn the_issues_closure_reason_leaves_with_every_identifier_removed() {
        let out = scrub_identifiers(
            "Closed: moved, UPN B801200005001, DOB 2014-05-06, tel 07700900123, 4 Acacia Road",
        );
        assert_eq!(
            out.text,
            "Closed: moved, UPN [UPN removed], DOB [date removed], tel [phone removed], [address removed]"
        );
        assert_eq!(
            out.removed,
            [
                Removed::Upn,
                Removed::Date,
                Removed::Phone,
                Removed::Address
            ]
        );
    }

    #[test]
    fn upns_and_upn_like_tokens_are_removed() {
        assert_eq!(s("b801200005001"), "[UPN removed]");
        assert_eq!(s("P20700001604A ok"), "[UPN removed] ok");
        assert_eq!(s("8012000050019"), "[UPN removed]");
        assert_eq!(s("ABCDEFGHIJKLM"), "ABCDEFGHIJKLM", "a word is not a UPN");
    }

    #[test]
    fn dates_in_common_forms_are_removed() {
        for date in [
            "2014-05-06",
            "2014/5/6",
            "06/05/2014",
            "6/5/14",
            "6.5.14",
            "6-5-2014",
            "6 May 2014",
            "6th May 2014",
            "6 may",
            "May 6th, 2014",
            "06 Sept 2014",
            "6 of May 2014",
        ] {
            assert_eq!(
                s(&format!("born {date}.")),
                "born [date removed].",
                "{date}"
            );
        }
    }

    #[test]
    fn uk_phone_numbers_are_removed() {
        for phone in [
            "07700 900123",
            "07700900123",
            "07700-900-123",
            "+44 7700 900123",
            "+447700900123",
            "+44 (0)7700 900123",
            "0113 496 0000",
            "(0113) 496 0000",
            "020 7946 0000",
        ] {
            assert_eq!(
                s(&format!("ring {phone} now")),
                "ring [phone removed] now",
                "{phone}"
            );
        }
    }

    #[test]
    fn postcodes_and_emails_are_removed() {
        for postcode in ["AB1 2CD", "ab12cd", "B12 9AA", "SW1A 1AA", "m1 1ae"] {
            assert_eq!(
                s(&format!("at {postcode}.")),
                "at [postcode removed].",
                "{postcode}"
            );
        }
        assert_eq!(
            s("mail carer.name+x@example.co.uk today"),
            "mail [email removed] today"
        );
    }

    #[test]
    fn house_numbers_with_a_street_are_removed() {
        assert_eq!(s("lives at 4 Acacia Road."), "lives at [address removed]");
        assert_eq!(s("Flat 2, 10 High St, town"), "[address removed], town");
        assert_eq!(s("12a Mill Lane"), "[address removed]");
        assert_eq!(s("7 Elm Close"), "[address removed]");
        assert_eq!(s("Flat 3"), "[address removed]");
    }

    #[test]
    fn ordinary_sentences_are_left_as_they_are() {
        for text in [
            "Met 3 times",
            "Year 9",
            "Attended 2 of 5 sessions",
            "Agreed to close the case after 6 weeks",
            "9 case close",
            "Attendance 87.5% up from 80%",
            "Review in 4 weeks at school",
            "Meeting at 10:30 with the head",
            "Moved school in spring term",
            "Referred to Early Help",
            "Step 2 of the plan, 12 sessions",
        ] {
            assert_eq!(s(text), text, "{text:?} was changed");
        }
    }

    proptest! {
        #[test]
        fn a_planted_identifier_never_survives_in_any_sentence(
            before in "[a-z ]{0,30}",
            after in "[a-z ]{0,30}",
            pick in 0usize..6,
        ) {
            let planted = ["B801200005001", "2014-05-06", "07700 900123", "AB1 2CD",
                "someone@example.org", "4 Acacia Road"][pick];
            let out = s(&format!("{before} {planted} {after}"));
            prop_assert!(!out.contains(planted), "{out:?}");
        }

        #[test]
        fn text_without_digits_or_at_signs_is_never_changed(text in "[A-Za-z ,.;'-]{0,80}") {
            prop_assert_eq!(s(&text), text);
        }
    }
}
