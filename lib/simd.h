#ifndef HERD_LIB_SIMD_H
#define HERD_LIB_SIMD_H

/* For the loops that run on GNU C vectors. */

/* On x86-64 with glibc, a function marked HERD_VECTOR_CLONES is compiled three times, for
 * AVX-512 (x86-64-v4), for AVX2 and for the baseline, and the loader picks one; a function
 * marked HERD_WIDE_TARGET is compiled for AVX-512 alone, to be called only where
 * herd_simd_wide() says the machine has it. None contracts a multiply and an add (C11 mode),
 * so all give the same bits. */
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__GLIBC__)
#define HERD_VECTOR_CLONES                                                                      \
    __attribute__((target_clones("arch=x86-64-v4", "avx2", "default"), noinline))
#define HERD_WIDE_TARGET __attribute__((target("arch=x86-64-v4"), noinline))
#define herd_simd_wide() (__builtin_cpu_supports("x86-64-v4") != 0)
#else
#define HERD_VECTOR_CLONES
#define HERD_WIDE_TARGET
#define herd_simd_wide() 0
#endif
/* What a clone calls is compiled into it, for the clone's instruction set. */
#define HERD_INLINE static inline __attribute__((always_inline))

/* The lanes of vectors a and b (b's numbered after a's) in the order given; mask_type is a
 * vector of integers as wide as a's lanes. */
#if defined(__has_builtin)
#if __has_builtin(__builtin_shufflevector)
#define HERD_SHUFFLE(mask_type, a, b, ...) __builtin_shufflevector(a, b, __VA_ARGS__)
#define HERD_HAVE_SHUFFLEVECTOR 1 /* which also joins two vectors into one twice as long */
#endif
#endif
#ifndef HERD_SHUFFLE
#define HERD_SHUFFLE(mask_type, a, b, ...) __builtin_shuffle(a, b, (mask_type){__VA_ARGS__})
#endif

#endif
