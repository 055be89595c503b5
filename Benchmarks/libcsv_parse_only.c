/* The one-core reference of Benchmarks/run.sh: libcsv parsing a file and nothing else.
 *
 *     cc -O2 -o libcsv-parse-only Benchmarks/libcsv_parse_only.c -lcsv
 *     libcsv-parse-only FILE        prints "<rows> rows, <fields> fields"
 *
 * Default libcsv options (spaces and tabs around unquoted fields trimmed, as detention-audit reads
 * them), 1 MiB reads as detention-audit's reader does; the callbacks only count. This is the floor
 * the performance issue measures detention-audit's one-core time against.
 */
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>

static size_t fields, rows;

static void on_field(void *data, size_t length, void *context) { (void)data; (void)length; (void)context; fields++; }
static void on_row(int terminator, void *context) { (void)terminator; (void)context; rows++; }

int main(int argc, char **argv) {
    if (argc != 2) { fprintf(stderr, "usage: %s FILE\n", argv[0]); return 64; }
    FILE *file = fopen(argv[1], "rb");
    if (!file) { perror(argv[1]); return 2; }
    struct csv_parser parser;
    if (csv_init(&parser, 0) != 0) return 1;
    static char buffer[1 << 20];
    size_t count;
    while ((count = fread(buffer, 1, sizeof buffer, file)) > 0) {
        if (csv_parse(&parser, buffer, count, on_field, on_row, NULL) != count) {
            fprintf(stderr, "%s: %s\n", argv[1], csv_strerror(csv_error(&parser)));
            return 2;
        }
    }
    csv_fini(&parser, on_field, on_row, NULL);
    csv_free(&parser);
    fclose(file);
    printf("%zu rows, %zu fields\n", rows, fields);
    return 0;
}
