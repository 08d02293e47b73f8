//! The logical structure of a PDF being laid out, for screen readers and archives: headings,
//! paragraphs and tables (header cells and data cells) in reading order, and the outline
//! (bookmarks) of its sections. Layout creates a slot for each piece of content and tags what
//! it draws with it; writing the file turns slots into krilla's marked-content identifiers.

use std::num::NonZeroU16;

use krilla::tagging::{Identifier, Node, TableHeaderScope, Tag, TagGroup, TagKind, TagTree};

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Role {
    /// A heading of level 1 (the title) to 6, with its text (PDF/UA wants it as the title).
    Heading(u16, String),
    Paragraph,
    Table,
    TableHead,
    TableBody,
    Row,
    /// A header cell for its column (or for its row, in a list of label and value fields).
    HeaderCell {
        for_row: bool,
    },
    Cell,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Child {
    Element(Element),
    Content(usize),
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Element {
    pub role: Role,
    pub children: Vec<Child>,
}

impl Element {
    pub fn new(role: Role, children: Vec<Child>) -> Element {
        Element { role, children }
    }
}

/// A section heading in the outline: where its top is on which page.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Bookmark {
    pub level: u16,
    pub text: String,
    pub page: usize,
    pub top: f32,
}

#[derive(Debug, Default)]
pub(crate) struct Structure {
    pub elements: Vec<Element>,
    pub bookmarks: Vec<Bookmark>,
    slots: usize,
    /// Level of the last heading, so a heading never skips a level (PDF/UA).
    level: u16,
}

impl Structure {
    /// A new piece of content, not yet placed in the structure.
    pub fn slot(&mut self) -> usize {
        self.slots += 1;
        self.slots - 1
    }

    pub fn slots(&self) -> usize {
        self.slots
    }

    pub fn push(&mut self, element: Element) {
        self.elements.push(element);
    }

    /// A paragraph holding one new piece of content; returns its slot.
    pub fn paragraph(&mut self) -> usize {
        let slot = self.slot();
        self.push(Element::new(Role::Paragraph, vec![Child::Content(slot)]));
        slot
    }

    /// A heading at `level`, or one below the last heading if that is higher, so levels are
    /// never skipped; returns its slot and the level given.
    pub fn heading(&mut self, level: u16, text: &str) -> (usize, u16) {
        let level = level.clamp(1, self.level + 1).min(6);
        self.level = level;
        let slot = self.slot();
        let role = Role::Heading(level, text.to_string());
        self.push(Element::new(role, vec![Child::Content(slot)]));
        (slot, level)
    }

    /// A caption introducing what follows (e.g. "Actions"): a heading one level below the
    /// current section, which does not itself open a section.
    pub fn label(&mut self, text: &str) -> usize {
        let level = (self.level + 1).min(6);
        let slot = self.slot();
        let role = Role::Heading(level, text.to_string());
        self.push(Element::new(role, vec![Child::Content(slot)]));
        slot
    }

    /// The tag tree, with each slot's identifiers (one per drawn line, in page order).
    pub fn tag_tree(self, ids: Vec<Vec<Identifier>>, lang: &str) -> TagTree {
        let mut tree = TagTree::new().with_lang(Some(lang.to_string()));
        let mut ids: Vec<Option<Vec<Identifier>>> = ids.into_iter().map(Some).collect();
        for element in self.elements {
            tree.push(group(element, &mut ids));
        }
        tree
    }
}

fn group(element: Element, ids: &mut [Option<Vec<Identifier>>]) -> TagGroup {
    let mut group = TagGroup::new(kind(element.role));
    for child in element.children {
        match child {
            Child::Element(e) => group.push(Node::from(self::group(e, ids))),
            Child::Content(slot) => {
                for id in ids.get_mut(slot).and_then(Option::take).unwrap_or_default() {
                    group.push(id);
                }
            }
        }
    }
    group
}

fn kind(role: Role) -> TagKind {
    match role {
        Role::Heading(level, text) => {
            let level = NonZeroU16::new(level).unwrap_or(NonZeroU16::MIN);
            Tag::Hn(level, Some(text)).into()
        }
        Role::Paragraph => Tag::P.into(),
        Role::Table => Tag::Table.into(),
        Role::TableHead => Tag::THead.into(),
        Role::TableBody => Tag::TBody.into(),
        Role::Row => Tag::TR.into(),
        Role::HeaderCell { for_row } => Tag::TH(if for_row {
            TableHeaderScope::Row
        } else {
            TableHeaderScope::Column
        })
        .into(),
        Role::Cell => Tag::TD.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_heading_never_skips_a_level() {
        let mut s = Structure::default();
        assert_eq!(s.heading(1, "Title").1, 1);
        assert_eq!(s.heading(3, "Straight to a part").1, 2);
        assert_eq!(s.heading(3, "A part").1, 3);
        s.label("Actions");
        s.label("Rows");
        assert_eq!(s.elements[3].role, Role::Heading(4, "Actions".into()));
        assert_eq!(s.elements[4].role, Role::Heading(4, "Rows".into()));
        assert_eq!(s.heading(2, "Next section").1, 2);
        assert_eq!(s.slots(), 6);
    }
}
