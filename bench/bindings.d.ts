/**
 * The bench runs in node but imports the worker's connectors and engine, which reach worker/env.ts (the Workers
 * binding types). This brings those types into tsconfig.node.json's check of bench/ only.
 */
/// <reference types="@cloudflare/workers-types" />
