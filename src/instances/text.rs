//! Line-oriented reading shared by the instance parsers: rows keep their 1-based line number
//! so that every error can point at the place to fix.

use super::InstanceError;
use std::path::Path;

/// Largest demand or capacity read from a file: 2^40 (about 10^12). Benchmark amounts are
/// below 10^5; the bound keeps the sum of the demands of a file of `MAX_NODES` nodes far
/// below `i64::MAX`, so no load computed from them can overflow.
pub(crate) const MAX_AMOUNT: i64 = 1 << 40;

/// Most nodes (depot and customers) an instance may have: its travel matrix holds
/// `MAX_NODES`^2 distance and duration pairs (1.6 GB at this bound).
pub(crate) const MAX_NODES: usize = 10_000;

/// One non-empty line split on whitespace, with its 1-based line number.
#[derive(Clone, Debug)]
pub(crate) struct Row<'a> {
    /// 1-based line number in the file.
    pub line: usize,
    /// Whitespace-separated fields.
    pub fields: Vec<&'a str>,
}

impl<'a> Row<'a> {
    /// Splits `text` into rows, skipping blank lines.
    pub fn split(text: &'a str) -> Vec<Row<'a>> {
        text.lines()
            .enumerate()
            .filter_map(|(i, l)| {
                let fields: Vec<&str> = l.split_whitespace().collect();
                (!fields.is_empty()).then_some(Row {
                    line: i + 1,
                    fields,
                })
            })
            .collect()
    }

    /// Fails unless the row has at least `n` fields.
    pub fn require(&self, path: &Path, field: &str, n: usize) -> Result<(), InstanceError> {
        if self.fields.len() < n {
            return Err(InstanceError::ShortRow {
                path: path.to_path_buf(),
                line: self.line,
                field: field.to_string(),
                expected: n,
                found: self.fields.len(),
            });
        }
        Ok(())
    }

    /// Field `col` as a finite float.
    pub fn f64(&self, path: &Path, col: usize, field: &str) -> Result<f64, InstanceError> {
        let s = self.text(path, col, field)?;
        match s.parse::<f64>() {
            Ok(v) if v.is_finite() => Ok(v),
            _ => Err(self.bad(path, field, "a finite number", s)),
        }
    }

    /// Field `col` as a non-negative float.
    pub fn non_negative(&self, path: &Path, col: usize, field: &str) -> Result<f64, InstanceError> {
        let v = self.f64(path, col, field)?;
        if v < 0.0 {
            return Err(self.bad(path, field, "a non-negative number", self.fields[col]));
        }
        Ok(v)
    }

    /// Field `col` as a non-negative integer (a count, an id, a demand).
    pub fn usize(&self, path: &Path, col: usize, field: &str) -> Result<usize, InstanceError> {
        let s = self.text(path, col, field)?;
        s.parse::<usize>()
            .map_err(|_| self.bad(path, field, "a non-negative integer", s))
    }

    /// Field `col` as an amount (a demand or a capacity): an integer from 0 to
    /// [`MAX_AMOUNT`], so that sums of amounts stay exact.
    pub fn amount(&self, path: &Path, col: usize, field: &str) -> Result<i64, InstanceError> {
        let s = self.text(path, col, field)?;
        match s.parse::<i64>() {
            Ok(v) if (0..=MAX_AMOUNT).contains(&v) => Ok(v),
            _ => Err(self.bad(path, field, "an integer from 0 to 2^40", s)),
        }
    }

    /// Field `col` as a signed integer.
    pub fn i64(&self, path: &Path, col: usize, field: &str) -> Result<i64, InstanceError> {
        let s = self.text(path, col, field)?;
        s.parse::<i64>()
            .map_err(|_| self.bad(path, field, "an integer", s))
    }

    fn text(&self, path: &Path, col: usize, field: &str) -> Result<&'a str, InstanceError> {
        self.require(path, field, col + 1)?;
        Ok(self.fields[col])
    }

    fn bad(&self, path: &Path, field: &str, expected: &'static str, found: &str) -> InstanceError {
        InstanceError::InvalidNumber {
            path: path.to_path_buf(),
            line: self.line,
            field: field.to_string(),
            expected,
            found: found.to_string(),
        }
    }
}

/// Reads a whole file as UTF-8 text.
pub(crate) fn read_text(path: &Path) -> Result<String, InstanceError> {
    let bytes = std::fs::read(path).map_err(|source| InstanceError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        InstanceError::NotUtf8 {
            path: path.to_path_buf(),
            line: 1 + valid.iter().filter(|&&b| b == b'\n').count(),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_keep_line_numbers_and_skip_blanks() {
        let rows = Row::split("a 1\n\n  \nb 2 3\n");
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].line, 4);
        assert_eq!(rows[1].fields, vec!["b", "2", "3"]);
    }

    #[test]
    fn a_bad_number_names_line_and_field() {
        let rows = Row::split("x\n7 abc\n");
        let err = rows[1].usize(Path::new("f.txt"), 1, "DEMAND").unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("f.txt:2: DEMAND"), "{msg}");
        assert!(msg.contains("`abc`"), "{msg}");
    }
}
