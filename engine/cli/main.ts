// The `stampede` command line. Not implemented yet.
process.stdout.write('stampede: not implemented yet\n');
