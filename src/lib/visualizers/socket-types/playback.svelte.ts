/**
 * The lab's clock: plays a run's simulated milliseconds in a few real seconds, following the
 * keyframes from `playbackKeyframes` (busy stretches at one rate, long waits fast-forwarded), so
 * packets can be drawn where they are at `now`. With prefers-reduced-motion, and before the page
 * runs any script, the clock stands at the end: everything is shown in its final state.
 */
import { isFastForward, simulatedAt, type Keyframe } from './timeline';

/** How long a whole run takes on screen, whatever its simulated length. */
export const PLAY_MS = 5000;

export class Playback {
	/** Simulated milliseconds since the first send. */
	now = $state(Number.POSITIVE_INFINITY);
	/** The simulated end of the run. */
	end = $state(0);
	playing = $state(false);
	#frames: readonly Keyframe[] = [{ real: 0, sim: 0, idle: false }];
	#frame = 0;

	/** True while the clock is fast-forwarding through a long wait. */
	get fastForward() {
		return this.playing && isFastForward(this.#frames, this.now);
	}

	/** Plays a run from its start along `frames` (or shows its end at once). */
	start(frames: readonly Keyframe[]) {
		this.stop();
		this.#frames = frames;
		const last = frames[frames.length - 1];
		this.end = last.sim;
		const still =
			typeof matchMedia === 'undefined' ||
			matchMedia('(prefers-reduced-motion: reduce)').matches ||
			!(last.real > 0);
		if (still) {
			this.now = last.sim;
			return;
		}
		this.now = 0;
		this.playing = true;
		let begin: number | null = null;
		const tick = (time: number) => {
			begin ??= time;
			const real = time - begin;
			this.now = simulatedAt(frames, real);
			if (real >= last.real) {
				this.now = last.sim;
				this.playing = false;
			} else this.#frame = requestAnimationFrame(tick);
		};
		this.#frame = requestAnimationFrame(tick);
	}

	/** Jumps to the end of the run. */
	finish() {
		this.stop();
		this.now = this.end;
	}

	/** Stops the clock where it is. */
	stop() {
		if (typeof cancelAnimationFrame !== 'undefined') cancelAnimationFrame(this.#frame);
		this.playing = false;
	}
}
