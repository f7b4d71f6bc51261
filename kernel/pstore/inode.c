// SPDX-License-Identifier: GPL-2.0-only
/*
 * lastgasp pstore core: the pstore filesystem.
 *
 * A flat, single-instance, memory-only filesystem mounted on
 * /sys/fs/pstore.  Each record a backend hands us becomes one read-only
 * file named "<type>-<backend>-<id>", as upstream names them, dated with
 * the record's time.  Unlinking a file erases the record in its backend.
 * Kernel logs can hold secrets: the directory and files are root-only.
 */

#define pr_fmt(fmt) "pstore: " fmt

#include <linux/dcache.h>
#include <linux/fs.h>
#include <linux/fs_context.h>
#include <linux/fs_parser.h>
#include <linux/kobject.h>
#include <linux/list.h>
#include <linux/magic.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/pagemap.h>
#include <linux/pstore.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/sysfs.h>

#include "internal.h"

#define PSTORE_NAME_MAX		64

/* A backend that never says "no more records" is cut off here. */
#define PSTORE_MAX_RECORDS	65536

/**
 * struct pstore_file - one record shown as a file
 * @node:   entry in pstore_records while the file is linked
 * @dentry: the file's dentry
 * @record: the record; its buf and priv are owned by the file from now on
 * @size:   file size: payload plus the backend's ECC notice
 *
 * Freed when the inode is evicted, so an open file stays readable after
 * unlink or after its backend went away.
 */
struct pstore_file {
	struct list_head	node;
	struct dentry		*dentry;
	struct pstore_record	*record;
	size_t			size;
};

static DEFINE_MUTEX(pstore_records_lock);
static LIST_HEAD(pstore_records);

static DEFINE_MUTEX(pstore_sb_lock);
static struct super_block *pstore_sb;

static void pstore_free_record(struct pstore_record *record)
{
	if (!record)
		return;
	kvfree(record->buf);
	kfree(record->priv);
	kfree(record);
}

static int pstore_file_open(struct inode *inode, struct file *file)
{
	file->private_data = inode->i_private;
	return 0;
}

static ssize_t pstore_file_read(struct file *file, char __user *ubuf,
				size_t count, loff_t *ppos)
{
	struct pstore_file *pf = file->private_data;

	return simple_read_from_buffer(ubuf, count, ppos, pf->record->buf,
				       pf->size);
}

static const struct file_operations pstore_file_fops = {
	.open	= pstore_file_open,
	.read	= pstore_file_read,
	.llseek	= default_llseek,
};

#ifdef CONFIG_PSTORE_FTRACE
/*
 * An ftrace record is an array of struct pstore_ftrace_record; the file
 * shows one call per line in upstream's format, so existing tools and
 * habits keep working:  "CPU:0 ts:1234 ffffffff8100  ffffffff8200  f <- g+0x1/0x2".
 * The seq_file position is the index of the call.
 */
static void *pstore_ftrace_seq_start(struct seq_file *s, loff_t *pos)
{
	struct pstore_file *pf = s->private;
	size_t n = pf->record->size / sizeof(struct pstore_ftrace_record);

	if (*pos < 0 || *pos >= n)
		return NULL;
	return (struct pstore_ftrace_record *)pf->record->buf + *pos;
}

static void *pstore_ftrace_seq_next(struct seq_file *s, void *v, loff_t *pos)
{
	++*pos;
	return pstore_ftrace_seq_start(s, pos);
}

static void pstore_ftrace_seq_stop(struct seq_file *s, void *v)
{
}

static int pstore_ftrace_seq_show(struct seq_file *s, void *v)
{
	struct pstore_ftrace_record *rec = v;

	seq_printf(s, "CPU:%d ts:%llu %08lx  %08lx  %ps <- %pS\n",
		   pstore_ftrace_decode_cpu(rec),
		   pstore_ftrace_read_timestamp(rec),
		   rec->ip, rec->parent_ip, (void *)rec->ip,
		   (void *)rec->parent_ip);
	return 0;
}

static const struct seq_operations pstore_ftrace_seq_ops = {
	.start	= pstore_ftrace_seq_start,
	.next	= pstore_ftrace_seq_next,
	.stop	= pstore_ftrace_seq_stop,
	.show	= pstore_ftrace_seq_show,
};

static int pstore_ftrace_file_open(struct inode *inode, struct file *file)
{
	int ret = seq_open(file, &pstore_ftrace_seq_ops);

	if (!ret)
		((struct seq_file *)file->private_data)->private =
			inode->i_private;
	return ret;
}

static const struct file_operations pstore_ftrace_file_fops = {
	.open		= pstore_ftrace_file_open,
	.read		= seq_read,
	.llseek		= seq_lseek,
	.release	= seq_release,
};
#endif

/*
 * The directory's inode lock is held by the VFS here, and
 * pstore_fs_remove_backend() needs it too, so the backend cannot be
 * unregistered under our feet while we call its ->erase().
 */
static int pstore_unlink(struct inode *dir, struct dentry *dentry)
{
	struct pstore_file *pf = d_inode(dentry)->i_private;
	struct pstore_record *record = pf->record;
	struct pstore_info *psi = record->psi;
	int ret;

	mutex_lock(&pstore_records_lock);
	if (list_empty(&pf->node)) {
		mutex_unlock(&pstore_records_lock);
		return -ENOENT;
	}
	if (!psi->erase) {
		mutex_unlock(&pstore_records_lock);
		return -EPERM;
	}
	list_del_init(&pf->node);
	mutex_unlock(&pstore_records_lock);

	mutex_lock(&psi->read_mutex);
	ret = psi->erase(record);
	mutex_unlock(&psi->read_mutex);
	if (ret) {
		/* Keep the file: it is still stored, and the next try may work. */
		pr_warn("erasing %pd in backend '%s' failed (%d): keeping it\n",
			dentry, psi->name, ret);
		mutex_lock(&pstore_records_lock);
		list_add(&pf->node, &pstore_records);
		mutex_unlock(&pstore_records_lock);
		return ret;
	}

	return simple_unlink(dir, dentry);
}

static const struct inode_operations pstore_dir_iops = {
	.lookup	= simple_lookup,
	.unlink	= pstore_unlink,
};

/* Never takes pstore_records_lock: it runs under it (remove_backend). */
static void pstore_evict_inode(struct inode *inode)
{
	struct pstore_file *pf = inode->i_private;

	clear_inode(inode);
	if (pf) {
		pstore_free_record(pf->record);
		kfree(pf);
	}
}

static struct inode *pstore_new_inode(struct super_block *sb, umode_t mode)
{
	struct inode *inode = new_inode(sb);

	if (!inode)
		return NULL;
	inode->i_ino = get_next_ino();
	inode->i_mode = mode;
	simple_inode_init_ts(inode);
	return inode;
}

static bool pstore_record_shown(const struct pstore_record *record)
{
	struct pstore_file *pf;

	lockdep_assert_held(&pstore_records_lock);
	list_for_each_entry(pf, &pstore_records, node)
		if (pf->record->psi == record->psi &&
		    pf->record->type == record->type &&
		    pf->record->id == record->id)
			return true;
	return false;
}

/*
 * Show @record as a file in @root, whose inode the caller has locked.
 * On success the file owns @record; on error the caller still does.
 */
static int pstore_mkfile(struct dentry *root, struct pstore_record *record)
{
	char name[PSTORE_NAME_MAX];
	struct pstore_file *pf;
	struct dentry *dentry;
	struct inode *inode;
	int ret;

	mutex_lock(&pstore_records_lock);
	if (pstore_record_shown(record)) {
		ret = -EEXIST;
		goto err_unlock;
	}

	ret = -ENOMEM;
	pf = kzalloc(sizeof(*pf), GFP_KERNEL);
	if (!pf)
		goto err_unlock;

	inode = pstore_new_inode(root->d_sb, S_IFREG | 0400);
	if (!inode)
		goto err_free_pf;

	scnprintf(name, sizeof(name), "%s-%s-%llu%s",
		  pstore_type_to_name(record->type), record->psi->name,
		  record->id, record->compressed ? ".enc.z" : "");
	dentry = d_alloc_name(root, name);
	if (!dentry)
		goto err_put_inode;

	pf->record = record;
	pf->dentry = dentry;
	pf->size = record->size + max_t(ssize_t, record->ecc_notice_size, 0);
	inode->i_fop = &pstore_file_fops;
#ifdef CONFIG_PSTORE_FTRACE
	if (record->type == PSTORE_TYPE_FTRACE)
		inode->i_fop = &pstore_ftrace_file_fops;
#endif
	inode->i_private = pf;
	inode->i_size = pf->size;
	if (record->time.tv_sec)
		inode_set_mtime_to_ts(inode,
				      inode_set_ctime_to_ts(inode, record->time));

	/* The dentry reference from d_alloc_name() pins the file. */
	d_add(dentry, inode);
	list_add(&pf->node, &pstore_records);
	mutex_unlock(&pstore_records_lock);
	return 0;

err_put_inode:
	iput(inode);
err_free_pf:
	kfree(pf);
err_unlock:
	mutex_unlock(&pstore_records_lock);
	return ret;
}

/*
 * Read every record @psi has and show those not shown yet.  Compressed
 * records are inflated; one that does not inflate is shown as it is stored
 * under a ".enc.z" name rather than hidden.
 */
static void pstore_scan_backend(struct pstore_info *psi, struct dentry *root)
{
	unsigned int added = 0, failed = 0, undecoded = 0, n;
	struct z_stream_s *zs = NULL;
	int ret;

	mutex_lock(&psi->read_mutex);
	if (psi->open) {
		ret = psi->open(psi);
		if (ret) {
			pr_warn("backend '%s' cannot be read (open: %d)\n",
				psi->name, ret);
			goto out_unlock;
		}
	}

	for (n = 0; n < PSTORE_MAX_RECORDS; n++) {
		struct pstore_record *record;
		ssize_t size;

		record = kzalloc(sizeof(*record), GFP_KERNEL);
		if (!record) {
			failed++;
			break;
		}
		pstore_record_init(record, psi);

		size = psi->read(record);
		if (size <= 0) {
			/*
			 * No more records, or an error.  The contract of
			 * include/linux/pstore.h, as upstream keeps it: the
			 * core frees only the record here; record->buf and
			 * record->priv belong to the backend, which may have
			 * freed them already without clearing the pointers
			 * (efi-pstore does on a failed read).
			 */
			kfree(record);
			break;
		}
		record->size = size;

		/* A rescan meets known records again: skip them early. */
		mutex_lock(&pstore_records_lock);
		ret = pstore_record_shown(record);
		mutex_unlock(&pstore_records_lock);
		if (ret) {
			pstore_free_record(record);
			continue;
		}

		if (record->compressed) {
			if (!zs)
				zs = pstore_unzip_begin();
			ret = pstore_unzip_record(zs, record);
			if (ret) {
				pr_warn("%s record %llu of '%s' (%zd bytes) does not decompress (%d): shown as .enc.z\n",
					pstore_type_to_name(record->type),
					record->id, psi->name, record->size,
					ret);
				undecoded++;
			}
		}

		ret = pstore_mkfile(root, record);
		if (ret) {
			pstore_free_record(record);
			if (ret != -EEXIST)
				failed++;
			continue;
		}
		added++;
	}
	if (n == PSTORE_MAX_RECORDS)
		pr_err("backend '%s' returned %u records without an end: stopped reading\n",
		       psi->name, n);

	if (psi->close)
		psi->close(psi);
out_unlock:
	mutex_unlock(&psi->read_mutex);
	pstore_unzip_end(zs);

	if (added || failed)
		pr_info("backend '%s': %u new record(s) shown, %u could not be shown, %u left compressed\n",
			psi->name, added, failed, undecoded);
}

/**
 * pstore_fs_add_backend() - show a backend's records, if mounted
 * @be: a registered backend
 *
 * Context: process context, pstore_backends_lock held.
 */
void pstore_fs_add_backend(struct pstore_backend *be)
{
	struct dentry *root;

	lockdep_assert_held(&pstore_backends_lock);
	mutex_lock(&pstore_sb_lock);
	if (pstore_sb) {
		root = pstore_sb->s_root;
		inode_lock(d_inode(root));
		pstore_scan_backend(be->psi, root);
		inode_unlock(d_inode(root));
	}
	mutex_unlock(&pstore_sb_lock);
}

/**
 * pstore_fs_rescan() - show records stored since the last scan
 *
 * Context: process context (mount, the update_ms work item).
 */
void pstore_fs_rescan(void)
{
	struct pstore_backend *be;

	mutex_lock(&pstore_backends_lock);
	list_for_each_entry(be, &pstore_backends, node)
		pstore_fs_add_backend(be);
	mutex_unlock(&pstore_backends_lock);
}

/**
 * pstore_fs_remove_backend() - remove a backend's files
 * @be: a backend being unregistered
 *
 * Files still open stay readable until closed; they no longer refer to
 * the backend.
 *
 * Context: process context, pstore_backends_lock held.
 */
void pstore_fs_remove_backend(struct pstore_backend *be)
{
	struct pstore_file *pf, *tmp;
	struct dentry *root;

	lockdep_assert_held(&pstore_backends_lock);
	mutex_lock(&pstore_sb_lock);
	if (!pstore_sb)
		goto out_unlock_sb;

	root = pstore_sb->s_root;
	inode_lock(d_inode(root));
	mutex_lock(&pstore_records_lock);
	list_for_each_entry_safe(pf, tmp, &pstore_records, node) {
		if (pf->record->psi != be->psi)
			continue;
		list_del_init(&pf->node);
		d_invalidate(pf->dentry);
		/* Drops the pinning reference; may evict the inode. */
		simple_unlink(d_inode(root), pf->dentry);
	}
	mutex_unlock(&pstore_records_lock);
	inode_unlock(d_inode(root));
out_unlock_sb:
	mutex_unlock(&pstore_sb_lock);
}

enum pstore_fs_param {
	Opt_kmsg_bytes,
};

static const struct fs_parameter_spec pstore_fs_params[] = {
	fsparam_u32("kmsg_bytes", Opt_kmsg_bytes),
	{}
};

static int pstore_parse_param(struct fs_context *fc, struct fs_parameter *param)
{
	struct fs_parse_result result;
	int opt;

	opt = fs_parse(fc, pstore_fs_params, param, &result);
	if (opt < 0) {
		/* The VFS records the device name ("pstore" in fstab). */
		if (opt == -ENOPARAM && !strcmp(param->key, "source"))
			return opt;
		/*
		 * Upstream ignores unknown options and bad values, and
		 * fstab lines rely on it: a mount must not fail over them.
		 */
		pr_info("mount option '%s' ignored\n", param->key);
		return 0;
	}

	if (opt == Opt_kmsg_bytes)
		pstore_set_kmsg_bytes(result.uint_32);
	return 0;
}

static int pstore_show_options(struct seq_file *m, struct dentry *root)
{
	if (kmsg_bytes != CONFIG_PSTORE_DEFAULT_KMSG_BYTES)
		seq_printf(m, ",kmsg_bytes=%u", kmsg_bytes);
	return 0;
}

static const struct super_operations pstore_sops = {
	.statfs		= simple_statfs,
	.drop_inode	= generic_delete_inode,
	.evict_inode	= pstore_evict_inode,
	.show_options	= pstore_show_options,
};

static int pstore_fill_super(struct super_block *sb, struct fs_context *fc)
{
	struct inode *inode;

	sb->s_maxbytes		= MAX_LFS_FILESIZE;
	sb->s_blocksize		= PAGE_SIZE;
	sb->s_blocksize_bits	= PAGE_SHIFT;
	sb->s_magic		= PSTOREFS_MAGIC;
	sb->s_op		= &pstore_sops;
	sb->s_time_gran		= 1;

	inode = pstore_new_inode(sb, S_IFDIR | 0700);
	if (inode) {
		inode->i_op = &pstore_dir_iops;
		inode->i_fop = &simple_dir_operations;
		inc_nlink(inode);
	}
	sb->s_root = d_make_root(inode);
	if (!sb->s_root)
		return -ENOMEM;

	mutex_lock(&pstore_sb_lock);
	pstore_sb = sb;
	mutex_unlock(&pstore_sb_lock);

	pstore_fs_rescan();
	return 0;
}

static int pstore_get_tree(struct fs_context *fc)
{
	return get_tree_single(fc, pstore_fill_super);
}

static int pstore_reconfigure(struct fs_context *fc)
{
	sync_filesystem(fc->root->d_sb);
	return 0;
}

static const struct fs_context_operations pstore_context_ops = {
	.parse_param	= pstore_parse_param,
	.get_tree	= pstore_get_tree,
	.reconfigure	= pstore_reconfigure,
};

static int pstore_init_fs_context(struct fs_context *fc)
{
	fc->ops = &pstore_context_ops;
	return 0;
}

static void pstore_kill_sb(struct super_block *sb)
{
	struct pstore_file *pf, *tmp;

	mutex_lock(&pstore_sb_lock);
	WARN_ON(pstore_sb && pstore_sb != sb);
	pstore_sb = NULL;

	/* The files are freed as their inodes are evicted below. */
	mutex_lock(&pstore_records_lock);
	list_for_each_entry_safe(pf, tmp, &pstore_records, node)
		list_del_init(&pf->node);
	mutex_unlock(&pstore_records_lock);

	kill_litter_super(sb);
	mutex_unlock(&pstore_sb_lock);
}

static struct file_system_type pstore_fs_type = {
	.owner			= THIS_MODULE,
	.name			= "pstore",
	.init_fs_context	= pstore_init_fs_context,
	.parameters		= pstore_fs_params,
	.kill_sb		= pstore_kill_sb,
};
MODULE_ALIAS_FS("pstore");

int __init pstore_fs_init(void)
{
	int ret;

	/* Where people expect to mount it: /sys/fs/pstore. */
	ret = sysfs_create_mount_point(fs_kobj, "pstore");
	if (ret) {
		pr_err("cannot create /sys/fs/pstore (%d)\n", ret);
		return ret;
	}

	ret = register_filesystem(&pstore_fs_type);
	if (ret) {
		pr_err("cannot register the pstore filesystem (%d)\n", ret);
		goto err_remove_mount_point;
	}
	return 0;

err_remove_mount_point:
	sysfs_remove_mount_point(fs_kobj, "pstore");
	return ret;
}

void __exit pstore_fs_exit(void)
{
	unregister_filesystem(&pstore_fs_type);
	sysfs_remove_mount_point(fs_kobj, "pstore");
}
