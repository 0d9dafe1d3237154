//! A small stable sort for the app's short lists (factors, contributions, participants,
//! saved keys).
//!
//! The standard library's sorts are fast on long slices but large: each element type they
//! are used with adds several kilobytes of WASM (about 50 KB across this app before they
//! were replaced). An insertion sort is a few hundred bytes per use and, for lists of a few
//! dozen items, just as quick.

/// Sorts `items` so that `less(a, b)` holds for no `b` before an `a`; items that compare
/// equal keep their order, as with the standard `sort_by`.
pub fn sort_by<T>(items: &mut [T], mut less: impl FnMut(&T, &T) -> bool) {
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 && less(&items[j], &items[j - 1]) {
            items.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// Sorts `items` in ascending order (stable).
pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, |a, b| a < b);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[allow(clippy::disallowed_methods)] // compares with the standard sort on purpose
    fn sorts_like_the_standard_stable_sort() {
        let mut seed = 0x2545_f491_u32;
        for len in 0..40 {
            let mut items: Vec<(u8, usize)> = (0..len)
                .map(|i| {
                    seed ^= seed << 13;
                    seed ^= seed >> 17;
                    seed ^= seed << 5;
                    ((seed % 5) as u8, i)
                })
                .collect();
            let mut expected = items.clone();
            expected.sort_by_key(|x| std::cmp::Reverse(x.0));
            sort_by(&mut items, |a, b| a.0 > b.0);
            assert_eq!(items, expected, "length {len}");
        }
        let mut words = vec!["pear", "apple", "fig", "apple"];
        sort(&mut words);
        assert_eq!(words, ["apple", "apple", "fig", "pear"]);
    }
}
