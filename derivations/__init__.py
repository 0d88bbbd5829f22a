"""symkl's derivations, one file per result. Each defines `derive(variant=None) ->
Derivation`, and `VARIANTS` when it has more than one chain. `symkl.registry` loads the
files by path; a wheel ships this folder as `symkl.derivations` (never a top-level
`derivations` package)."""
