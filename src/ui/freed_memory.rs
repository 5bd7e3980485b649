//! Freed memory goes back to the system from a thread of its own, never in
//! the middle of a frame.
//!
//! mimalloc (the binary's allocator, `src/main.rs`) gives pages that stayed
//! free for a second back to the system (`madvise(MADV_DONTNEED)`), on
//! whichever thread next allocates. On the window's thread that costs a
//! frame: the call flushes the other processors' TLBs and waits for each
//! to answer, and on a virtual machine whose other processor is asleep that
//! wait took 1–7 ms a call (`strace -T`; the arcs bench's rare 3–8 ms frames were
//! all system time, and went away with purging off). Here the allocator
//! is told to wait an hour before it gives memory back by itself, and a
//! thread named `newsmark-free` makes it give back whatever is free every
//! few seconds ([`return_freed_memory_in_background`]): memory still goes
//! back, and the wait falls on a thread nobody is watching.
//!
//! The only `unsafe` of the program: calls into mimalloc's C API that take
//! plain values and touch no Rust memory.

#![allow(unsafe_code)]

use std::ffi::c_long;
use std::sync::Once;
use std::time::Duration;

use libmimalloc_sys::{mi_collect, mi_option_get, mi_option_set, mi_option_t, mi_thread_init};

/// mimalloc's `mi_option_purge_delay` (`mimalloc.h`'s `mi_option_e`; the
/// Rust bindings name no constant for it): how many milliseconds a free
/// page waits before the allocator gives it back by itself.
const PURGE_DELAY: mi_option_t = 15;

/// The purge delay the allocator is given: an hour, so that it never gives
/// memory back by itself while the window is in use.
const HELD_FOR_MS: c_long = 60 * 60 * 1000;

/// How often the `newsmark-free` thread gives free memory back.
pub const RETURN_EVERY: Duration = Duration::from_secs(3);

/// How long a free page waits before mimalloc gives it back by itself, in
/// milliseconds (1,000 until [`return_freed_memory_in_background`] runs).
pub fn allocator_purge_delay_ms() -> c_long {
    // SAFETY: reads an option by its index; no pointer is involved.
    unsafe { mi_option_get(PURGE_DELAY) }
}

/// Makes mimalloc give freed memory back to the system only from a thread
/// of its own, every [`RETURN_EVERY`], instead of on the window's thread
/// (see the module's comment). Safe to call more than once: the thread
/// starts once. If the thread cannot start, the allocator is left as it
/// was.
pub fn return_freed_memory_in_background() {
    static START: Once = Once::new();
    START.call_once(|| {
        let started = std::thread::Builder::new()
            .name("newsmark-free".to_owned())
            .spawn(|| {
                // SAFETY: sets up the allocator's state for this thread
                // (without it, `mi_collect` here would do nothing).
                unsafe { mi_thread_init() };
                loop {
                    std::thread::sleep(RETURN_EVERY);
                    // SAFETY: asks the allocator to give back what is free;
                    // takes a plain flag.
                    unsafe { mi_collect(true) };
                }
            });
        match started {
            // SAFETY: sets an option by its index to a plain value.
            Ok(_) => unsafe { mi_option_set(PURGE_DELAY, HELD_FOR_MS) },
            Err(err) => log::warn!("freed memory stays with the window's thread: {err}"),
        }
    });
}

#[cfg(test)]
mod tests {
    use std::time::Instant;

    use libmimalloc_sys::{mi_free, mi_malloc};

    use super::*;

    /// Bytes of the process in memory (`VmRSS`).
    fn resident() -> usize {
        let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
        let kib: Option<usize> = status
            .lines()
            .find_map(|line| line.strip_prefix("VmRSS:"))
            .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok());
        kib.expect("VmRSS in /proc/self/status") * 1024
    }

    #[test]
    fn the_allocator_holds_freed_memory_and_the_thread_gives_it_back() {
        // mimalloc's own default (v3) tells the option is the purge delay.
        assert_eq!(allocator_purge_delay_ms(), 1000);
        return_freed_memory_in_background();
        assert_eq!(allocator_purge_delay_ms(), HELD_FOR_MS);
        return_freed_memory_in_background();
        assert_eq!(allocator_purge_delay_ms(), HELD_FOR_MS);

        const BLOCK: usize = 256 << 10;
        const MIB: usize = 1 << 20;
        let before = resident();
        // SAFETY: each block is allocated, filled within its size and freed
        // once, by mimalloc's own functions.
        let blocks: Vec<*mut u8> = (0..256)
            .map(|_| unsafe {
                let block = mi_malloc(BLOCK).cast::<u8>();
                assert!(!block.is_null());
                block.write_bytes(1, BLOCK);
                block
            })
            .collect();
        let full = resident();
        assert!(full >= before + 60 * MIB, "{before} → {full}");
        for block in blocks {
            // SAFETY: see above.
            unsafe { mi_free(block.cast()) };
        }
        // Gone within a round of the thread (it is mimalloc that gives
        // it back, not this thread: it only sleeps).
        let deadline = Instant::now() + RETURN_EVERY * 3;
        while resident() > full - 48 * MIB {
            let now = resident() / MIB;
            assert!(Instant::now() < deadline, "{now} MiB still resident");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}
