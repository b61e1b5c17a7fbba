/**
 * Log-scale sliders for the lab's sizes: read sizes from 1 byte to 64 KiB and MTUs from 68 to
 * 65,535 bytes span four orders of magnitude, and the interesting values (1–20, 576, 1500)
 * would be crushed at one end of a linear slider. Pure: no DOM, no runes.
 */

/** Slider positions run 0..SLIDER_STEPS. */
export const SLIDER_STEPS = 1000;

/** The value a slider at `position` stands for, a whole number in [min, max]. */
export function fromSlider(position: number, min: number, max: number): number {
	const t = Math.min(1, Math.max(0, position / SLIDER_STEPS));
	return Math.min(max, Math.max(min, Math.round(min * (max / min) ** t)));
}

/** The slider position closest to `value` (values outside [min, max] pin to an end). */
export function toSlider(value: number, min: number, max: number): number {
	if (!Number.isFinite(value) || value <= min) return 0;
	if (value >= max) return SLIDER_STEPS;
	return Math.round((Math.log(value / min) / Math.log(max / min)) * SLIDER_STEPS);
}

/** A probability as the slider's output shows it: "20 %". */
export function percent(p: number): string {
	return `${Math.round(p * 100)} %`;
}
