#!/usr/bin/env node
// The `postroute` command. A file of its own (not dist/main.js itself) so that it exists when
// pnpm links the workspace's bins at install time, before the first build has made dist/.
import '../dist/main.js';
