/**
 * The simulator's state: the settings (what a link reproduces), the model's answer for them, and
 * the playback clock. Play moves the scrubbed time from where it is to the end of the run in
 * PLAY_MS of real time; the scrubbed time is part of the settings, so a link can point at a
 * moment. With no scrubbing (`at` null) everything is drawn.
 */
import { simulateTransports } from '$lib/protocol/transports/simulate';
import { bytesSeries, timelineEnd } from '$lib/protocol/transports/summary';
import type { SimulationOptions } from '$lib/protocol/transports/types';
import { DEFAULT_SETTINGS, fromOptions, toOptions, type TransportSettings } from './settings';

/** How long playing a whole run takes on screen, whatever its simulated length. */
export const PLAY_MS = 8000;

export class TransportsSim {
	settings: TransportSettings = $state({ ...DEFAULT_SETTINGS });
	playing = $state(false);
	/** The options the model runs with. */
	readonly options: SimulationOptions = $derived(toOptions(this.settings));
	/** The model's answer (or its error). */
	readonly outcome = $derived(simulateTransports(this.options));
	/** The right edge of the time axis: the run's end, or the last arrival if later. */
	readonly end = $derived(
		this.outcome.ok ? Math.max(timelineEnd(this.outcome.result), this.settings.durationMs, 1) : 1
	);
	/** The time drawn: the scrubbed moment, or the end. */
	readonly now = $derived(
		this.settings.at === null ? this.end : Math.min(this.settings.at, this.end)
	);
	/** The bytes-over-time series. */
	readonly bytes = $derived(this.outcome.ok ? bytesSeries(this.outcome.result, this.end) : null);
	#frame = 0;

	constructor(initial?: Partial<TransportSettings> | SimulationOptions) {
		if (initial) this.settings = { ...DEFAULT_SETTINGS, ...toSettings(initial) };
	}

	/** Replaces every setting (from a link). */
	set(settings: TransportSettings) {
		this.pause();
		this.settings = settings;
	}

	/** Changes some settings; any change but the time shows the whole new run. */
	update(patch: Partial<TransportSettings>) {
		this.pause();
		this.settings = { ...this.settings, at: null, ...patch };
	}

	/** Draws a new set of random events. */
	newEvents() {
		this.update({ seed: (this.settings.seed + 1) % 2 ** 31 });
	}

	/** Shows the run at `ms` (the end shows everything). */
	scrub(ms: number) {
		this.pause();
		this.settings = { ...this.settings, at: ms >= this.end ? null : Math.max(0, Math.round(ms)) };
	}

	/** Plays from the scrubbed time (from the start when at the end) to the end. */
	play() {
		if (this.playing) return;
		const from = this.settings.at ?? 0;
		const end = this.end;
		this.playing = true;
		let begin: number | null = null;
		const tick = (time: number) => {
			begin ??= time;
			const at = from + ((time - begin) / PLAY_MS) * end;
			if (at >= end) {
				this.settings = { ...this.settings, at: null };
				this.playing = false;
				return;
			}
			this.settings = { ...this.settings, at: Math.round(at) };
			this.#frame = requestAnimationFrame(tick);
		};
		this.#frame = requestAnimationFrame(tick);
	}

	pause() {
		if (typeof cancelAnimationFrame !== 'undefined') cancelAnimationFrame(this.#frame);
		this.playing = false;
	}
}

function toSettings(
	initial: Partial<TransportSettings> | SimulationOptions
): Partial<TransportSettings> {
	return 'events' in initial ? fromOptions(initial) : initial;
}
