// A file that another thread reads while it is still arriving: a download of an export goes into
// memory shared with the thread that parses it, so parsing starts on the first megabyte instead of
// after the last (a 127 MB file took 0.7 s to arrive from a loopback server, and seconds from
// Slack's file host). The reader's side is in sheet-worker.mjs (plain JavaScript); this is the
// writer's, with the layout both use.
//
// `progress` is three Int32s: the bytes arrived so far, a count of changes (a reader waits on it
// with Atomics.waitAsync, so that no change between its look and its wait is missed), and the state.

/** What crosses to a reader thread: its memory is shared, not copied. */
export interface SharedGrowingFile {
  data: SharedArrayBuffer;
  progress: SharedArrayBuffer;
}

/** A file as it arrives: `done` settles when the last byte is in, or rejects as the download would have. */
export interface ArrivingFile {
  shared: SharedGrowingFile;
  done: Promise<void>;
}

const ARRIVED = 0;
const CHANGES = 1;
const STATE = 2;
/** States: still arriving, all of it there, stopped short (the download failed). */
const ARRIVING = 0;
const WHOLE = 1;
const STOPPED = 2;

export class GrowingFile {
  readonly shared: SharedGrowingFile;
  private readonly bytes: Uint8Array;
  private readonly progress: Int32Array;
  private length = 0;

  /** `size`: the length the server declared; the file never grows past it. */
  constructor(size: number) {
    this.shared = { data: new SharedArrayBuffer(size), progress: new SharedArrayBuffer(12) };
    this.bytes = new Uint8Array(this.shared.data);
    this.progress = new Int32Array(this.shared.progress);
  }

  /** False (and nothing written) when the chunk would pass the declared size. */
  append(chunk: Uint8Array): boolean {
    if (this.length + chunk.byteLength > this.bytes.length) return false;
    this.bytes.set(chunk, this.length);
    this.length += chunk.byteLength;
    Atomics.store(this.progress, ARRIVED, this.length);
    this.changed();
    return true;
  }

  /** The body ended: whole if it brought the declared size, else stopped short. */
  end(): boolean {
    const whole = this.length === this.bytes.length;
    Atomics.store(this.progress, STATE, whole ? WHOLE : STOPPED);
    this.changed();
    return whole;
  }

  stop(): void {
    if (Atomics.load(this.progress, STATE) !== ARRIVING) return;
    Atomics.store(this.progress, STATE, STOPPED);
    this.changed();
  }

  private changed() {
    Atomics.add(this.progress, CHANGES, 1);
    Atomics.notify(this.progress, CHANGES);
  }
}
