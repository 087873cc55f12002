//! claimtrail's own styling: the only source of escape codes in its output,
//! and none at all when colour is off (NO_COLOR, or not a terminal).

/// Whether to colour output, resolved once from `--color` and the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    /// Whether escape codes are written at all.
    pub color: bool,
}

impl Style {
    /// No colour.
    pub const PLAIN: Style = Style { color: false };

    fn wrap(self, code: &str, text: &str) -> String {
        if self.color { format!("\x1b[{code}m{text}\x1b[0m") } else { text.to_owned() }
    }

    /// `text` in bold.
    pub fn bold(&self, text: &str) -> String {
        self.wrap("1", text)
    }

    /// `text` dimmed.
    pub fn dim(&self, text: &str) -> String {
        self.wrap("2", text)
    }

    /// `text` in red.
    pub fn red(&self, text: &str) -> String {
        self.wrap("31", text)
    }

    /// `text` in green.
    pub fn green(&self, text: &str) -> String {
        self.wrap("32", text)
    }

    /// `text` in yellow.
    pub fn yellow(&self, text: &str) -> String {
        self.wrap("33", text)
    }

    /// `text` in cyan.
    pub fn cyan(&self, text: &str) -> String {
        self.wrap("36", text)
    }
}
