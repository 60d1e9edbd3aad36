//! Runs one piece of work on every item of a stream, on every core, and hands the results
//! to a writer in the items' order as soon as those before them are written.
//!
//! A producer thread gives the items in chunks; workers take chunks as they become free,
//! and the writer (the calling thread) holds chunks that finish early until their turn.
//! Memory stays flat however many items there are: the channels are bounded, and a worker
//! holding a chunk more than a fixed window ahead of the writer blocks on a condition
//! variable until the writer gets close, so one slow item cannot make results pile up.
//! Nothing here polls or sleeps. When the writer fails, the workers stop and then the
//! producer, on its next chunk; when any thread panics, the others are woken and stop, so
//! the panic reaches the caller instead of leaving the rest waiting.

use std::collections::BTreeMap;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};

/// How many items a worker takes at a time.
const CHUNK: usize = 32;
/// How many chunks workers may be ahead of the writer, and may wait in each channel: this
/// bounds memory.
const QUEUE: usize = 64;

/// Consecutive items, or their results, from position `start` on.
struct Chunk<T> {
    start: usize,
    items: Vec<T>,
}

/// How far the writer has got, for workers to wait on without polling.
#[derive(Default)]
struct Window {
    progress: Mutex<Progress>,
    moved: Condvar,
}

#[derive(Default)]
struct Progress {
    /// Items written so far.
    written: usize,
    /// True once the writer will write nothing more.
    stopped: bool,
}

impl Window {
    fn progress(&self) -> MutexGuard<'_, Progress> {
        // The lock guards two plain numbers: a panic elsewhere cannot leave them half-set.
        self.progress.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Blocks until the items from `start` on are at most `QUEUE` chunks ahead of the
    /// writer; false when the writer has stopped, and they will never be written.
    fn wait_for(&self, start: usize) -> bool {
        let ahead = |p: &mut Progress| !p.stopped && start >= p.written + QUEUE * CHUNK;
        let progress = self.moved.wait_while(self.progress(), ahead);
        !progress.unwrap_or_else(PoisonError::into_inner).stopped
    }

    /// The writer has written `written` items.
    fn advance(&self, written: usize) {
        self.progress().written = written;
        self.moved.notify_all();
    }

    /// The writer will write nothing more: no worker may wait for its turn any longer.
    fn stop(&self) {
        self.progress().stopped = true;
        self.moved.notify_all();
    }
}

/// Stops the window when dropped: the writer's guard stops it however the writer ends,
/// normally or by a panic; a worker's guard only when the worker panics, as the writer
/// still waits for the other workers' results when one simply runs out of items.
struct StopOnDrop<'w> {
    window: &'w Window,
    only_on_panic: bool,
}

impl Drop for StopOnDrop<'_> {
    fn drop(&mut self) {
        if !self.only_on_panic || std::thread::panicking() {
            self.window.stop();
        }
    }
}

/// Runs `work` on every item `produce` gives, on all cores, and hands the results to
/// `write` in the items' order. `produce` runs on a thread of its own and is told, by its
/// callback returning false, when no one is listening any more. Returns `write`'s first
/// error, having stopped everything.
pub fn in_order<T: Send, R: Send>(
    produce: impl FnOnce(&mut dyn FnMut(T) -> bool) + Send,
    work: impl Fn(&T) -> R + Sync,
    write: &mut dyn FnMut(R) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    let window = Window::default();
    let (send_items, items) = sync_channel::<Chunk<T>>(QUEUE);
    // Shared by the workers; when the last one stops, the producer learns it on its next send.
    let items = Arc::new(Mutex::new(items));
    std::thread::scope(|scope| {
        let (send_results, results) = sync_channel::<Chunk<R>>(QUEUE);
        scope.spawn(move || in_chunks(produce, &send_items));
        for _ in 0..workers {
            let (items, send_results) = (Arc::clone(&items), send_results.clone());
            let (window, work) = (&window, &work);
            scope.spawn(move || work_on(&items, window, work, &send_results));
        }
        drop(send_results);
        drop(items);
        let _stop = StopOnDrop {
            window: &window,
            only_on_panic: false,
        };
        write_in_order(results, &window, write)
    })
}

/// The producer's side: gives the items in chunks until they end or no one listens.
fn in_chunks<T>(produce: impl FnOnce(&mut dyn FnMut(T) -> bool), send: &SyncSender<Chunk<T>>) {
    let mut chunk = Vec::with_capacity(CHUNK);
    let mut start = 0;
    let mut listening = true;
    produce(&mut |item| {
        chunk.push(item);
        if chunk.len() == CHUNK {
            let items = std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK));
            listening = send.send(Chunk { start, items }).is_ok();
            start += CHUNK;
        }
        listening
    });
    if listening && !chunk.is_empty() {
        let _ = send.send(Chunk {
            start,
            items: chunk,
        });
    }
}

/// A worker: takes the next chunk, waits for the window to reach it, works and sends the
/// results, until the items end or the writer stops.
fn work_on<T, R>(
    items: &Mutex<Receiver<Chunk<T>>>,
    window: &Window,
    work: &impl Fn(&T) -> R,
    results: &SyncSender<Chunk<R>>,
) {
    let _stop = StopOnDrop {
        window,
        only_on_panic: true,
    };
    loop {
        // The lock is held only while receiving, so that chunks are taken in order.
        let next = items.lock().ok().and_then(|items| items.recv().ok());
        let Some(Chunk { start, items }) = next else {
            return;
        };
        if !window.wait_for(start) {
            return;
        }
        let items = items.iter().map(work).collect();
        if results.send(Chunk { start, items }).is_err() {
            return;
        }
    }
}

/// The writer's side: chunks arrive in any order; each is written when those before it
/// are. Returning drops `results`, which stops any worker about to send.
fn write_in_order<R>(
    results: Receiver<Chunk<R>>,
    window: &Window,
    write: &mut dyn FnMut(R) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let mut waiting = BTreeMap::new();
    let mut turn = 0;
    for Chunk { start, items } in results {
        waiting.insert(start, items);
        while let Some(done) = waiting.remove(&turn) {
            turn += done.len();
            for result in done {
                write(result)?;
            }
            window.advance(turn);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    /// Gives 0, 1, 2, … up to `n` (or for ever), counting what it gave.
    fn numbers<'a>(
        n: Option<usize>,
        given: &'a AtomicUsize,
    ) -> impl FnOnce(&mut dyn FnMut(usize) -> bool) + Send + 'a {
        move |found| {
            for i in 0.. {
                if n.is_some_and(|n| i >= n) || !found(i) {
                    return;
                }
                given.fetch_add(1, Ordering::Relaxed);
            }
        }
    }

    #[test]
    fn results_come_in_order_and_workers_stay_within_the_window() {
        let n = 10 * QUEUE * CHUNK + 7;
        let (given, started) = (AtomicUsize::new(0), AtomicUsize::new(0));
        let work = |i: &usize| {
            started.fetch_add(1, Ordering::Relaxed);
            // Uneven work: some chunks take far longer than those after them.
            if i % 301 == 0 {
                std::thread::sleep(Duration::from_millis(2));
            }
            i * 2
        };
        let mut written = Vec::new();
        let mut most_ahead = 0;
        in_order(numbers(Some(n), &given), work, &mut |r| {
            if written.is_empty() {
                // A slow start lets the workers run up against the window.
                std::thread::sleep(Duration::from_millis(50));
            }
            most_ahead = most_ahead.max(started.load(Ordering::Relaxed) - written.len());
            written.push(r);
            Ok(())
        })
        .expect("nothing fails");
        assert_eq!(written, (0..n).map(|i| i * 2).collect::<Vec<_>>());
        assert!(most_ahead <= QUEUE * CHUNK, "{most_ahead} items ahead");
        assert_eq!(given.load(Ordering::Relaxed), n);
    }

    #[test]
    fn it_ends_when_the_writer_fails_and_the_producer_stops() {
        let given = AtomicUsize::new(0);
        let mut written = 0;
        let outcome = in_order(numbers(None, &given), |i| *i, &mut |r| {
            assert_eq!(r, written);
            written += 1;
            if written == 1 {
                // Let the workers fill the window and wait on it.
                std::thread::sleep(Duration::from_millis(50));
            }
            if written == 100 {
                return Err(std::io::Error::other("the disk is full"));
            }
            Ok(())
        });
        assert_eq!(
            outcome.map_err(|e| e.to_string()),
            Err("the disk is full".into())
        );
        assert_eq!(written, 100);
        // What can be ahead of the writer: the window, the items channel, a chunk held by
        // each worker and one more taken by each as it stops, and a chunk being filled.
        let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
        let bound = 100 + (2 * QUEUE + 2 * workers + 1) * CHUNK;
        assert!(
            given.load(Ordering::Relaxed) <= bound,
            "the producer went on"
        );
    }

    /// Runs `in_order` over many items on a thread of its own, with `work` and `write`
    /// panicking where told; true when the panic came back, false if it hung.
    fn panic_comes_back(work_panics_at: Option<usize>, write_panics_at: Option<usize>) -> bool {
        let (done, finished) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let outcome = std::panic::catch_unwind(|| {
                let produce = |found: &mut dyn FnMut(usize) -> bool| {
                    for i in 0..20 * QUEUE * CHUNK {
                        if !found(i) {
                            return;
                        }
                    }
                };
                let work = |&i: &usize| {
                    assert!(Some(i) != work_panics_at, "work panics");
                    i
                };
                let _ = in_order(produce, work, &mut |i| {
                    assert!(Some(i) != write_panics_at, "write panics");
                    Ok(())
                });
            });
            let _ = done.send(outcome.is_err());
        });
        finished
            .recv_timeout(std::time::Duration::from_secs(20))
            .unwrap_or(false)
    }

    #[test]
    fn a_panic_in_a_worker_or_the_writer_comes_back_instead_of_hanging() {
        assert!(panic_comes_back(Some(3 * QUEUE * CHUNK), None), "worker");
        assert!(panic_comes_back(None, Some(CHUNK + 1)), "writer");
    }

    #[test]
    fn no_items_is_no_results() {
        let given = AtomicUsize::new(0);
        let mut written = 0;
        in_order(numbers(Some(0), &given), |i| *i, &mut |_| {
            written += 1;
            Ok(())
        })
        .expect("nothing fails");
        assert_eq!(written, 0);
    }
}
