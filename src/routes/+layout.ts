// Every page is prerendered to plain files, so the site needs no server; trailing slashes make each
// page a folder with an index.html, which every static host serves, also under a sub-path.
export const prerender = true;
export const trailingSlash = 'always';
