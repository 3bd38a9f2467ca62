/* The C floor of issue 13: what a generator at least spends on its content, with C parsers and nothing else.
 * Reads every content file under CONTENT: a .md file's YAML front matter is parsed with libyaml (events, as a
 * decoder would consume them) and its Markdown body rendered to HTML with cmark; a .yml file is parsed whole. Nothing is written. bench/run.sh reports
 * its CPU-seconds next to Bangdan's.
 *
 * Build: cc -O2 bench/floor/floor.c $(pkg-config --cflags --libs yaml-0.1 libcmark) -o floor
 * Usage: floor CONTENT      (prints files, YAML events and HTML bytes, so none of the work can be skipped)
 */
#define _XOPEN_SOURCE 700
#include <cmark.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

static unsigned long files, events, html_bytes;

/* The front matter of `text`: between a first line `---` and the next line `---`. */
static int split(const char *text, size_t size, size_t *fm_start, size_t *fm_end, size_t *body) {
    if (size < 4 || strncmp(text, "---\n", 4) != 0) return 0;
    size_t at = 4;
    while (at < size) {
        const char *nl = memchr(text + at, '\n', size - at);
        size_t end = nl ? (size_t)(nl - text) : size;
        if (end - at == 3 && strncmp(text + at, "---", 3) == 0) {
            *fm_start = 4;
            *fm_end = at;
            *body = nl ? end + 1 : end;
            return 1;
        }
        at = end + 1;
    }
    return 0;
}

static void yaml_events(const char *text, size_t size) {
    yaml_parser_t parser;
    yaml_event_t event;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, size);
    for (;;) {
        if (!yaml_parser_parse(&parser, &event)) {
            fprintf(stderr, "YAML error: %s\n", parser.problem ? parser.problem : "?");
            break;
        }
        events++;
        int done = event.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&event);
        if (done) break;
    }
    yaml_parser_delete(&parser);
}

static int visit(const char *path, const struct stat *st, int kind, struct FTW *ftw) {
    (void)ftw;
    size_t len = strlen(path);
    if (kind != FTW_F) return 0;
    int markdown = len > 3 && strcmp(path + len - 3, ".md") == 0;
    int yml = len > 4 && strcmp(path + len - 4, ".yml") == 0;
    if (!markdown && !yml) return 0;
    FILE *f = fopen(path, "rb");
    if (!f) { perror(path); return 0; }
    size_t size = (size_t)st->st_size;
    char *text = malloc(size + 1);
    size_t got = fread(text, 1, size, f);
    fclose(f);
    text[got] = 0;
    files++;
    if (yml) {
        yaml_events(text, got);
        free(text);
        return 0;
    }
    size_t fm_start = 0, fm_end = 0, body = 0;
    if (split(text, got, &fm_start, &fm_end, &body)) yaml_events(text + fm_start, fm_end - fm_start);
    char *html = cmark_markdown_to_html(text + body, got - body, CMARK_OPT_DEFAULT);
    html_bytes += strlen(html);
    free(html);
    free(text);
    return 0;
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: floor CONTENT\n");
        return 2;
    }
    if (nftw(argv[1], visit, 64, FTW_PHYS) != 0) {
        perror(argv[1]);
        return 1;
    }
    printf("%lu files, %lu YAML events, %lu HTML bytes\n", files, events, html_bytes);
    return 0;
}
