#ifndef HERD_LIB_CLONES_H
#define HERD_LIB_CLONES_H

/* On x86-64 with glibc, a function marked HERD_VECTOR_CLONES is compiled twice, for AVX2 and
 * for the baseline, and the loader picks one. Neither contracts a multiply and an add (C11
 * mode), so both give the same bits. */
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__GLIBC__)
#define HERD_VECTOR_CLONES __attribute__((target_clones("avx2", "default"), noinline))
#else
#define HERD_VECTOR_CLONES
#endif
/* What a clone calls is compiled into it, for the clone's instruction set. */
#define HERD_INLINE static inline __attribute__((always_inline))

#endif
