// The baseline for timer lateness: N setTimeout callbacks due over a window, each recording how
// late it ran. Prints "0" when armed (for the driver), then the latencies as JSON, and exits.
const [n, spreadMs] = process.argv.slice(2).map(Number);
const lead = 500;
const start = Date.now() + lead;
const late = [];
process.stdout.write("0\n");
for (let i = 0; i < n; i++) {
  const due = start + Math.floor((spreadMs * i) / Math.max(1, n - 1));
  setTimeout(() => {
    late.push(Date.now() - due);
    if (late.length === n) process.stdout.write(JSON.stringify(late), () => process.exit(0));
  }, due - Date.now());
}
