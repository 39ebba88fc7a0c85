//! Read-only folders that are read-only even to root. Tests in CI containers
//! run as root, and root ignores file permissions through three Linux
//! capabilities (DAC_OVERRIDE, DAC_READ_SEARCH, FOWNER). These helpers take
//! them away from one thread, or from a child process, so that a folder
//! with mode r-x refuses writes as it would for an office user.

#![allow(dead_code)]

use std::path::Path;
use std::process::Command;

/// Makes `dir` read-only (r-x for everyone).
pub fn make_read_only(dir: &Path) {
    set_mode(dir, 0o555);
}

/// Gives write permission back (so the temporary folder can be removed).
pub fn make_writable(dir: &Path) {
    set_mode(dir, 0o755);
}

fn set_mode(dir: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// Whether this thread can create a file in `dir`.
pub fn can_write_in(dir: &Path) -> bool {
    let probe = dir.join(".write-probe");
    let ok = std::fs::write(&probe, b"").is_ok();
    let _ = std::fs::remove_file(&probe);
    ok
}

/// Runs `f` on a new thread that cannot override file permissions. Threads
/// it starts (the window's saver) inherit that.
pub fn on_unprivileged_thread<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    std::thread::scope(|s| {
        s.spawn(|| {
            imp::drop_in_this_thread().expect("cannot drop capabilities");
            f()
        })
        .join()
        .unwrap_or_else(|e| std::panic::resume_unwind(e))
    })
}

/// Whether a child process can be made unable to override file permissions:
/// not root, or root allowed to shrink its bounding set (CAP_SETPCAP, as in
/// Docker's default set).
pub fn can_run_unprivileged() -> bool {
    // SAFETY: plain system call.
    let root = unsafe { libc::geteuid() } == 0;
    !root || imp::has_setpcap()
}

/// Makes the child process unable to override file permissions (see
/// [`can_run_unprivileged`]).
pub fn unprivileged(cmd: &mut Command) -> &mut Command {
    use std::os::unix::process::CommandExt;
    // SAFETY: the closure only makes system calls (prctl, capget, capset)
    // and allocates nothing.
    unsafe { cmd.pre_exec(imp::drop_for_exec) }
}

mod imp {
    /// The capabilities that let root ignore permission bits.
    const CAPS: [u32; 3] = [
        1, /* DAC_OVERRIDE */
        2, /* DAC_READ_SEARCH */
        3, /* FOWNER */
    ];
    const VERSION_3: u32 = 0x2008_0522;

    #[repr(C)]
    struct Header {
        version: u32,
        pid: i32,
    }

    #[repr(C)]
    #[derive(Default, Clone, Copy)]
    struct Data {
        effective: u32,
        permitted: u32,
        inheritable: u32,
    }

    const SETPCAP: u32 = 8;

    fn current() -> std::io::Result<(Header, [Data; 2])> {
        let mut header = Header {
            version: VERSION_3,
            pid: 0,
        };
        let mut data = [Data::default(); 2];
        // SAFETY: header and two data structs, as capget v3 expects.
        if unsafe { libc::syscall(libc::SYS_capget, &mut header, data.as_mut_ptr()) } != 0 {
            return Err(std::io::Error::last_os_error());
        }
        Ok((header, data))
    }

    pub fn has_setpcap() -> bool {
        current().is_ok_and(|(_, data)| data[0].effective & (1 << SETPCAP) != 0)
    }

    /// Drops the capabilities from this thread's sets (they are per thread).
    pub fn drop_in_this_thread() -> std::io::Result<()> {
        let (mut header, mut data) = current()?;
        // SAFETY: header and two data structs, as capset v3 expects.
        unsafe {
            let keep = !CAPS.iter().fold(0u32, |m, c| m | 1 << c);
            data[0].effective &= keep;
            data[0].permitted &= keep;
            data[0].inheritable &= keep;
            if libc::syscall(libc::SYS_capset, &mut header, data.as_ptr()) != 0 {
                return Err(std::io::Error::last_os_error());
            }
        }
        Ok(())
    }

    /// Before exec: root regains every capability in its bounding set when
    /// it runs a program, so they are dropped from that set too.
    pub fn drop_for_exec() -> std::io::Result<()> {
        // SAFETY: plain system calls.
        unsafe {
            if libc::geteuid() == 0 {
                for cap in CAPS {
                    if libc::prctl(libc::PR_CAPBSET_DROP, cap as libc::c_ulong, 0, 0, 0) != 0 {
                        return Err(std::io::Error::last_os_error());
                    }
                }
            }
        }
        drop_in_this_thread()
    }
}
