// The echo endpoint a static build points at when it is not served by the project's own dev or
// preview server: PUBLIC_ECHO_URL at build time (e.g. wss://echo.example.org/echo), or none.
export const load = () => ({ publicEchoUrl: process.env.PUBLIC_ECHO_URL?.trim() || null });
