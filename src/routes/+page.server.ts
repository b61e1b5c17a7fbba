import { lessons } from '$lib/server/lessons';
import { heroFrame } from '$lib/server/hero';

export const load = () => ({ lessons, hero: heroFrame() });
