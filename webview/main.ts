// Webview entry point: one switch over messages from the extension. Not implemented yet.
export {};
