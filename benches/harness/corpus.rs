//! Text for generated records: a vocabulary of made-up words and sentences
//! built from it. Plain ASCII without quotes or backslashes, so that the
//! folded form of a sentence is the sentence itself and every quote taken
//! from a snapshot is found in it.

use crate::rng::Rng;

const SYLLABLES: &[&str] = &[
    "ka", "lo", "mi", "ne", "tu", "ra", "si", "vo", "de", "ba", "gor", "lin", "tas", "mer", "ost", "ul",
    "an", "ri", "ze", "po", "kar", "dim", "sel", "vat", "nor", "ib", "ex", "qua", "hal", "fen",
];

/// The words of one run, drawn once from the seed.
#[derive(Debug, Clone)]
pub(crate) struct Corpus {
    words: Vec<String>,
}

impl Corpus {
    pub(crate) fn new(rng: &mut Rng) -> Corpus {
        let words = (0..600)
            .map(|_| {
                let n = rng.range(1, 4);
                (0..n).map(|_| *rng.pick(SYLLABLES)).collect::<String>()
            })
            .collect();
        Corpus { words }
    }

    /// A sentence of `lo..=hi` words, capitalised, ending in a full stop.
    pub(crate) fn sentence(&self, rng: &mut Rng, lo: u64, hi: u64) -> String {
        let n = rng.range(lo, hi);
        let mut out = String::with_capacity(n as usize * 7);
        for i in 0..n {
            if i > 0 {
                out.push(if rng.chance(8) { ',' } else { ' ' });
                if out.ends_with(',') {
                    out.push(' ');
                }
            }
            let word = rng.pick(&self.words);
            if i == 0 {
                let mut chars = word.chars();
                let first = chars.next().expect("words are not empty");
                out.push(first.to_ascii_uppercase());
                out.push_str(chars.as_str());
            } else {
                out.push_str(word);
            }
        }
        out.push('.');
        out
    }

    /// A word, for names and titles.
    pub(crate) fn word(&self, rng: &mut Rng) -> &str {
        rng.pick(&self.words).as_str()
    }
}
