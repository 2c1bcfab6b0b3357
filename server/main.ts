// Language server entry point (wiring only; features live in server/service/). Not implemented yet.
export {};
