#include "layout.h"
#include "plan.h"
int jmap_plan_render_file(const jmap_plan_map *maps, size_t n, const char *out_path,
                          char *why, size_t why_len)
{
    (void)maps, (void)n, (void)out_path;
    snprintf(why, why_len, "todo");
    return JMAP_ERR_IO;
}
