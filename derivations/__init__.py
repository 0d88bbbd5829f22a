"""One module per derivation. Each defines `derive(variant=None) -> Derivation`, and
`VARIANTS` when it has more than one chain; `symkl derive --list` finds them here."""
