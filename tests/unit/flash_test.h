/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Helpers test_flash.c (NOR model) and test_flash_nand.c (NAND model) share:
 * counting the ring's events, running the collector until it is idle.
 * Include after cmocka.h and lgf_fmt.h.
 */
#ifndef FLASH_TEST_H
#define FLASH_TEST_H

struct ev_counts {
	int torn, retired, dropped, bad_ev;
};

static inline void count_event(struct ev_counts *c, const struct lgf_event *ev)
{
	switch (ev->kind) {
	case LGF_EV_TORN: c->torn++; break;
	case LGF_EV_RETIRED: c->retired++; break;
	case LGF_EV_DROPPED: c->dropped++; break;
	case LGF_EV_BAD: c->bad_ev++; break;
	default: break;
	}
}

/* Collector steps until idle (at most @max); returns how many. */
static inline int collect_until_idle(struct lgf_ring *r, int max)
{
	int steps = 0, ret;

	while ((ret = lgf_collect(r)) > 0)
		assert_true(++steps < max);
	assert_int_equal(ret, 0);
	return steps;
}

#endif /* FLASH_TEST_H */
