//! Runs one piece of work on every item of a stream, on every core, and hands the results
//! to a writer in the items' order as soon as those before them are written. Workers stay
//! at most a fixed number of items ahead of the writer, so memory stays flat however many
//! items there are.

use std::sync::atomic::Ordering;

/// How many items a worker takes at a time.
const CHUNK: usize = 32;
/// How many chunks may wait between the threads: this bounds memory.
const QUEUE: usize = 64;

/// Runs `work` on every item `produce` gives, on all cores, and hands the results to
/// `write` in the items' order as they become ready. `produce` runs on a thread of its own
/// and stops when its callback says no one is listening any more. The channels between
/// the threads are bounded, so memory stays flat however many items there are.
pub fn in_order<T: Send, R: Send>(
    produce: impl FnOnce(&mut dyn FnMut(T) -> bool) + Send,
    work: impl Fn(&T) -> R + Sync,
    write: &mut dyn FnMut(R) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    // How far the writer has got: a worker waits before starting a chunk more than
    // `QUEUE` chunks ahead of it, so one slow file cannot make results pile up.
    let written = std::sync::atomic::AtomicUsize::new(0);
    let (send_items, items) = std::sync::mpsc::sync_channel::<(usize, Vec<T>)>(QUEUE);
    // Shared by the workers; when the last one stops, the producer learns it on its next send.
    let items = std::sync::Arc::new(std::sync::Mutex::new(items));
    std::thread::scope(|scope| {
        let (send_results, results) = std::sync::mpsc::sync_channel::<(usize, Vec<R>)>(QUEUE);
        scope.spawn(move || {
            let mut chunk = Vec::with_capacity(CHUNK);
            let mut start = 0;
            let mut listening = true;
            produce(&mut |item| {
                chunk.push(item);
                if chunk.len() == CHUNK {
                    let full = std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK));
                    listening = send_items.send((start, full)).is_ok();
                    start += CHUNK;
                }
                listening
            });
            if !chunk.is_empty() {
                let _ = send_items.send((start, chunk));
            }
        });
        for _ in 0..workers {
            let (items, work, send_results) = (items.clone(), &work, send_results.clone());
            let written = &written;
            scope.spawn(move || {
                loop {
                    let next = items.lock().ok().and_then(|items| items.recv().ok());
                    let Some((start, chunk)) = next else { break };
                    while start >= written.load(Ordering::Acquire) + QUEUE * CHUNK {
                        std::thread::sleep(std::time::Duration::from_micros(200));
                    }
                    let done = chunk.iter().map(work).collect();
                    if send_results.send((start, done)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(send_results);
        drop(items);
        // Chunks arrive in any order; hold the early ones until their turn. Dropping
        // `results` on an error stops the workers, and then the producer.
        let mut waiting = std::collections::BTreeMap::new();
        let mut turn = 0;
        let mut outcome = Ok(());
        'receiving: for (start, done) in results {
            waiting.insert(start, done);
            while let Some(done) = waiting.remove(&turn) {
                turn += done.len();
                for result in done {
                    outcome = write(result);
                    if outcome.is_err() {
                        break 'receiving;
                    }
                }
                written.store(turn, Ordering::Release);
            }
        }
        // Nothing more will be written: no worker may wait for its turn any longer.
        written.store(usize::MAX / 2, Ordering::Release);
        outcome
    })
}
