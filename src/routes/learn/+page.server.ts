import { lessons } from '$lib/server/lessons';

export const load = () => ({ lessons });
