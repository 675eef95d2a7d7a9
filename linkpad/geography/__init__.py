"""Scottish postcodes, data zones, neighbourhoods and SIMD: open reference data and lookups on it."""
