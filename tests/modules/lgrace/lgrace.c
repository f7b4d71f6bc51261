// SPDX-License-Identifier: GPL-2.0-only
/*
 * lgrace: triggers for the race cases of lastgasp's panic path (VM tests).
 *
 * echo CASE > /sys/kernel/debug/lgrace/trigger, CASE one of
 *   panic        panic() on this CPU
 *   oops-in-dump the "lgrace" backend (lgrace.backend=1) oopses when the
 *                panic dump writes to it, then panic() on this CPU
 *   lock-self    this CPU takes the kexec lock, then panics
 *   lock-other   another CPU takes the kexec lock and keeps it; this one
 *                panics
 *   two          CPUs 0 and 1 panic at the same moment
 *   all          every online CPU panics at the same moment
 *   nmi          an NMI to every CPU at once (boot with unknown_nmi_panic:
 *                each CPU calls nmi_panic() from NMI context); x86 only,
 *                -EOPNOTSUPP elsewhere
 *   irqs-off     every other CPU spins with interrupts disabled, then this
 *                one panics (only an NMI can stop them: on x86 always, on
 *                arm64 with irqchip.gicv3_pseudo_nmi=1)
 *   oops-in-dumper
 *                a plain kmsg dumper (lgrace.dumper=1), not a pstore
 *                backend, oopses every time it is called; then panic()
 *                on this CPU
 *   corrupt-crash
 *                flip one byte of the loaded crash kernel's segment
 *                lgrace.segment (no panic)
 *
 * Every panic notifier call prints "lgrace: panic notifier ran", so a test
 * can tell whether the notifiers ran.
 */
#define pr_fmt(fmt) "lgrace: " fmt

#include <linux/atomic.h>
#include <linux/cpu.h>
#include <linux/cpumask.h>
#include <linux/debugfs.h>
#include <linux/delay.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/kexec.h>
#include <linux/kmsg_dump.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/panic_notifier.h>
#include <linux/pstore.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#ifdef CONFIG_X86_LOCAL_APIC
#include <asm/apic.h>
#include <asm/nmi.h>
#endif

static bool lgrace_backend;
module_param_named(backend, lgrace_backend, bool, 0400);
MODULE_PARM_DESC(backend, "register the \"lgrace\" pstore backend (default 0)");

static bool lgrace_dumper;
module_param_named(dumper, lgrace_dumper, bool, 0400);
MODULE_PARM_DESC(dumper, "register a plain kmsg dumper that oops-in-dumper makes oops (default 0)");

static unsigned int lgrace_segment;
module_param_named(segment, lgrace_segment, uint, 0600);
MODULE_PARM_DESC(segment, "crash kernel segment corrupt-crash flips a byte of (default 0)");

/* ---- a backend that can oops in its write ------------------------------- */

static bool lgrace_oops_armed;
static unsigned int lgrace_writes;

static int lgrace_open(struct pstore_info *psi)
{
	return 0;
}

static ssize_t lgrace_read(struct pstore_record *record)
{
	return 0;	/* keeps nothing */
}

/* Panic path: nothing here sleeps or allocates. */
static notrace int lgrace_write(struct pstore_record *record)
{
	lgrace_writes++;
	if (READ_ONCE(lgrace_oops_armed)) {
		WRITE_ONCE(lgrace_oops_armed, false);
		pr_emerg("oopsing in the backend write as asked\n");
		BUG();
	}
	return 0;
}

static struct pstore_info lgrace_psi = {
	.owner		= THIS_MODULE,
	.name		= "lgrace",
	.flags		= PSTORE_FLAGS_DMESG,
	.max_reason	= KMSG_DUMP_PANIC,
	.open		= lgrace_open,
	.read		= lgrace_read,
	.write		= lgrace_write,
};

/* ---- a kmsg dumper outside pstore that oopses ----------------------------- */

/*
 * Like a dumper of a driver (drm_panic, mtdoops) that is broken: once
 * armed it oopses on every call, so a panic that ran it again after its
 * oops would never get past it.
 */
static bool lgrace_dumper_armed;

static void lgrace_kmsg_dump(struct kmsg_dumper *dumper,
			     struct kmsg_dump_detail *detail)
{
	if (!READ_ONCE(lgrace_dumper_armed))
		return;
	pr_emerg("oopsing in the kmsg dumper as asked\n");
	BUG();
}

static struct kmsg_dumper lgrace_kmsg_dumper = {
	.dump		= lgrace_kmsg_dump,
	.max_reason	= KMSG_DUMP_PANIC,
};

/* ---- several CPUs at once ------------------------------------------------- */

enum lgrace_mode { LGRACE_PANIC, LGRACE_IRQS_OFF, LGRACE_KEXEC_LOCK };

static atomic_t lgrace_arrived;
static atomic_t lgrace_ready;
static int lgrace_expected;
static enum lgrace_mode lgrace_mode;

#ifdef CONFIG_KEXEC_CORE
extern atomic_t __kexec_lock;	/* kernel/kexec_internal.h */

static bool lgrace_kexec_trylock(void)
{
	return atomic_cmpxchg_acquire(&__kexec_lock, 0, 1) == 0;
}
#else
static bool lgrace_kexec_trylock(void)
{
	return true;
}
#endif

static int lgrace_thread(void *data)
{
	unsigned int cpu = raw_smp_processor_id();

	switch (lgrace_mode) {
	case LGRACE_PANIC:
		/* Line up with the others, then panic in the same instant. */
		local_irq_disable();
		atomic_inc(&lgrace_arrived);
		while (atomic_read(&lgrace_arrived) < lgrace_expected)
			cpu_relax();
		panic("lgrace: CPU %u panics with the others", cpu);
		break;
	case LGRACE_IRQS_OFF:
		local_irq_disable();
		pr_info("CPU %u spins with interrupts off\n", cpu);
		atomic_inc(&lgrace_ready);
		for (;;)
			cpu_relax();
		break;
	case LGRACE_KEXEC_LOCK:
		if (!lgrace_kexec_trylock()) {
			pr_err("CPU %u: the kexec lock is already taken\n", cpu);
			atomic_inc(&lgrace_ready);
			return 0;
		}
		pr_info("CPU %u holds the kexec lock and keeps it\n", cpu);
		atomic_inc(&lgrace_ready);
		for (;;)
			cpu_relax();
		break;
	}
	return 0;
}

static struct task_struct *lgrace_threads[NR_CPUS];

/*
 * Start the threads on @cpus; in panic mode this never returns, otherwise
 * it returns with preemption disabled once they are all in place.  All are
 * created before any is woken: a thread that already spins with interrupts
 * off would keep kthreadd from creating the next one on its CPU.
 */
static int lgrace_on_cpus(const struct cpumask *cpus, enum lgrace_mode mode)
{
	unsigned int cpu;
	int n = 0;

	lgrace_mode = mode;
	atomic_set(&lgrace_arrived, 0);
	atomic_set(&lgrace_ready, 0);
	lgrace_expected = cpumask_weight(cpus);
	cpus_read_lock();
	for_each_cpu(cpu, cpus) {
		struct task_struct *t;

		t = kthread_create_on_cpu(lgrace_thread, NULL, cpu, "lgrace/%u");
		if (IS_ERR(t)) {
			cpus_read_unlock();
			pr_err("cannot start a thread on CPU %u: %ld\n", cpu,
			       PTR_ERR(t));
			return PTR_ERR(t);	/* the created ones never run */
		}
		lgrace_threads[cpu] = t;
		n++;
	}
	cpus_read_unlock();
	if (mode == LGRACE_PANIC) {
		for_each_cpu(cpu, cpus)
			wake_up_process(lgrace_threads[cpu]);
		for (;;)	/* the threads panic */
			msleep(1);
	}
	/*
	 * The caller panics as soon as the others are in place.  From here
	 * nothing may run on this CPU that waits for another one (a TLB
	 * flush, a synchronous IPI): those spin with interrupts off.
	 */
	preempt_disable();
	for_each_cpu(cpu, cpus)
		wake_up_process(lgrace_threads[cpu]);
	while (atomic_read(&lgrace_ready) < n)
		cpu_relax();
	return 0;	/* with preemption disabled */
}

/* ---- the crash kernel ------------------------------------------------------ */

static int lgrace_corrupt_crash(void)
{
#ifdef CONFIG_CRASH_DUMP
	struct kimage *image;
	unsigned long addr;
	u8 *p;

	if (!lgrace_kexec_trylock())
		return -EBUSY;
	image = kexec_crash_image;
	if (!image || lgrace_segment >= image->nr_segments) {
		atomic_set_release(&__kexec_lock, 0);
		pr_err("no crash kernel segment %u\n", lgrace_segment);
		return -ENOENT;
	}
	/* The middle of the segment's data: the image itself, not padding. */
	addr = image->segment[lgrace_segment].mem +
	       image->segment[lgrace_segment].bufsz / 2;
	arch_kexec_unprotect_crashkres();
	p = phys_to_virt(addr);
	*p ^= 0xff;
	arch_kexec_protect_crashkres();
	atomic_set_release(&__kexec_lock, 0);
	pr_info("flipped the byte at 0x%lx in crash kernel segment %u (0x%lx+0x%zx)\n",
		addr, lgrace_segment, image->segment[lgrace_segment].mem,
		image->segment[lgrace_segment].memsz);
	return 0;
#else
	return -EOPNOTSUPP;
#endif
}

/* ---- the trigger file ------------------------------------------------------- */

static ssize_t lgrace_trigger_write(struct file *file, const char __user *ubuf,
				    size_t count, loff_t *ppos)
{
	char buf[32];
	unsigned int this_cpu, cpu;
	int err = 0;

	if (count >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;
	buf[count] = '\0';
	strim(buf);
	pr_info("trigger '%s'\n", buf);

	if (!strcmp(buf, "panic")) {
		panic("lgrace: panic");
	} else if (!strcmp(buf, "oops-in-dump")) {
		if (!lgrace_backend)
			return -ENODEV;
		WRITE_ONCE(lgrace_oops_armed, true);
		panic("lgrace: panic with an oopsing backend");
	} else if (!strcmp(buf, "oops-in-dumper")) {
		if (!lgrace_dumper)
			return -ENODEV;
		WRITE_ONCE(lgrace_dumper_armed, true);
		panic("lgrace: panic with an oopsing kmsg dumper");
	} else if (!strcmp(buf, "lock-self")) {
		if (!lgrace_kexec_trylock())
			return -EBUSY;
		pr_info("this CPU holds the kexec lock\n");
		panic("lgrace: panic holding the kexec lock");
	} else if (!strcmp(buf, "lock-other") || !strcmp(buf, "irqs-off")) {
		struct cpumask *others = kmalloc(cpumask_size(), GFP_KERNEL);
		bool lock = buf[0] == 'l';

		if (!others)
			return -ENOMEM;
		migrate_disable();
		this_cpu = smp_processor_id();
		cpumask_copy(others, cpu_online_mask);
		cpumask_clear_cpu(this_cpu, others);
		if (lock) {	/* one other CPU is enough */
			cpu = cpumask_first(others);
			cpumask_clear(others);
			if (cpu < nr_cpu_ids)
				cpumask_set_cpu(cpu, others);
		}
		if (cpumask_empty(others))
			err = -ENODEV;
		else
			err = lgrace_on_cpus(others, lock ? LGRACE_KEXEC_LOCK :
							    LGRACE_IRQS_OFF);
		kfree(others);
		if (!err)
			panic(lock ? "lgrace: panic while another CPU holds the kexec lock" :
				     "lgrace: panic while the other CPUs spin with interrupts off");
		migrate_enable();
	} else if (!strcmp(buf, "two")) {
		struct cpumask two;

		cpumask_clear(&two);
		cpumask_set_cpu(0, &two);
		cpumask_set_cpu(1, &two);
		if (!cpumask_subset(&two, cpu_online_mask))
			return -ENODEV;
		err = lgrace_on_cpus(&two, LGRACE_PANIC);
	} else if (!strcmp(buf, "all")) {
		err = lgrace_on_cpus(cpu_online_mask, LGRACE_PANIC);
	} else if (!strcmp(buf, "nmi")) {
#ifdef CONFIG_X86_LOCAL_APIC
		__apic_send_IPI_all(NMI_VECTOR);
		mdelay(1000);
		pr_err("the NMI did not panic: boot with unknown_nmi_panic\n");
		err = -EIO;
#else
		pr_err("the nmi case needs x86's local APIC\n");
		err = -EOPNOTSUPP;
#endif
	} else if (!strcmp(buf, "corrupt-crash")) {
		err = lgrace_corrupt_crash();
	} else {
		err = -EINVAL;
	}
	return err ? err : count;
}

static const struct file_operations lgrace_trigger_fops = {
	.owner	= THIS_MODULE,
	.write	= lgrace_trigger_write,
	.llseek	= noop_llseek,
};

static int lgrace_panic_notify(struct notifier_block *nb, unsigned long ev,
			       void *msg)
{
	pr_emerg("panic notifier ran\n");
	return NOTIFY_DONE;
}

static struct notifier_block lgrace_panic_nb = {
	.notifier_call = lgrace_panic_notify,
};

static int __init lgrace_init(void)
{
	struct dentry *dir;
	int err;

	dir = debugfs_create_dir("lgrace", NULL);
	debugfs_create_file("trigger", 0200, dir, NULL, &lgrace_trigger_fops);
	atomic_notifier_chain_register(&panic_notifier_list, &lgrace_panic_nb);
	if (lgrace_dumper) {
		err = kmsg_dump_register(&lgrace_kmsg_dumper);
		if (err)
			pr_err("kmsg_dump_register failed: %d\n", err);
	}

	if (lgrace_backend) {
		/* No buffer of our own: a dmesg backend needs one for parts. */
		lgrace_psi.bufsize = 4096;
		lgrace_psi.buf = kzalloc(lgrace_psi.bufsize, GFP_KERNEL);
		if (!lgrace_psi.buf)
			return -ENOMEM;
		err = pstore_register(&lgrace_psi);
		if (err) {
			pr_err("pstore_register failed: %d\n", err);
			kfree(lgrace_psi.buf);
			lgrace_psi.buf = NULL;
		}
	}
	return 0;
}
/* Before lgtest (late_initcall), so the dump reaches lgrace first. */
device_initcall(lgrace_init);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("lastgasp test triggers for the panic path's race cases");
