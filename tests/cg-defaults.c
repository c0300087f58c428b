/* Prints every option struct's layout and defaults as cg_X_options_init() fills them, one
 * field a line: "STRUCT.FIELD OFFSET VALUE" (pointers: "null" or the string), then
 * "STRUCT sizeof N". tests/test-cli-defaults.sh checks the CLI's help against the values;
 * tests/python checks the binding's ctypes layouts against the offsets. */
#include <chaingraph/chaingraph.h>
#include <stddef.h>
#include <stdio.h>

#define NUM(S, o, name, f) printf("%s.%s %zu %.17g\n", name, #f, offsetof(S, f), (double)(o).f)
#define PTR(S, o, name, f)                                                                     \
  printf("%s.%s %zu %s\n", name, #f, offsetof(S, f), (o).f ? "set" : "null")
#define STR(S, o, name, f)                                                                     \
  printf("%s.%s %zu %s\n", name, #f, offsetof(S, f), (o).f ? (const char *)(o).f : "null")
#define SIZE(S, name) printf("%s sizeof %zu\n", name, sizeof(S))

int
main(void)
{
  CgBottleneckOptions b;
  if (cg_bottleneck_options_init(&b, CG_BOTTLENECK_OPTIONS_VERSION) != 0)
    return 1;
  NUM(CgBottleneckOptions, b, "bottleneck", version);
  NUM(CgBottleneckOptions, b, "bottleneck", top);
  STR(CgBottleneckOptions, b, "bottleneck", chain);
  NUM(CgBottleneckOptions, b, "bottleneck", betweenness);
  NUM(CgBottleneckOptions, b, "bottleneck", threads);
  NUM(CgBottleneckOptions, b, "bottleneck", estimate);
  NUM(CgBottleneckOptions, b, "bottleneck", samples);
  NUM(CgBottleneckOptions, b, "bottleneck", seed);
  PTR(CgBottleneckOptions, b, "bottleneck", progress);
  PTR(CgBottleneckOptions, b, "bottleneck", progress_data);
  SIZE(CgBottleneckOptions, "bottleneck");

  CgRiskOptions r;
  if (cg_risk_options_init(&r, CG_RISK_OPTIONS_VERSION) != 0)
    return 1;
  NUM(CgRiskOptions, r, "risk", version);
  NUM(CgRiskOptions, r, "risk", samples);
  NUM(CgRiskOptions, r, "risk", seed);
  NUM(CgRiskOptions, r, "risk", threads);
  NUM(CgRiskOptions, r, "risk", top);
  NUM(CgRiskOptions, r, "risk", exact_max);
  PTR(CgRiskOptions, r, "risk", profile);
  NUM(CgRiskOptions, r, "risk", invest);
  NUM(CgRiskOptions, r, "risk", invest_samples);
  PTR(CgRiskOptions, r, "risk", probabilities);
  NUM(CgRiskOptions, r, "risk", precision);
  PTR(CgRiskOptions, r, "risk", progress);
  PTR(CgRiskOptions, r, "risk", progress_data);
  SIZE(CgRiskOptions, "risk");

  CgComplementOptions c;
  if (cg_complement_options_init(&c, CG_COMPLEMENT_OPTIONS_VERSION) != 0)
    return 1;
  NUM(CgComplementOptions, c, "complement", version);
  STR(CgComplementOptions, c, "complement", level);
  NUM(CgComplementOptions, c, "complement", top);
  NUM(CgComplementOptions, c, "complement", threads);
  NUM(CgComplementOptions, c, "complement", weighting);
  PTR(CgComplementOptions, c, "complement", progress);
  PTR(CgComplementOptions, c, "complement", progress_data);
  SIZE(CgComplementOptions, "complement");

  CgGenerateOptions g;
  if (cg_generate_options_init(&g, CG_GENERATE_OPTIONS_VERSION) != 0)
    return 1;
  NUM(CgGenerateOptions, g, "generate", version);
  NUM(CgGenerateOptions, g, "generate", nodes);
  NUM(CgGenerateOptions, g, "generate", edges);
  NUM(CgGenerateOptions, g, "generate", stages);
  NUM(CgGenerateOptions, g, "generate", or_fraction);
  NUM(CgGenerateOptions, g, "generate", cycle_fraction);
  NUM(CgGenerateOptions, g, "generate", regions);
  NUM(CgGenerateOptions, g, "generate", seed);
  SIZE(CgGenerateOptions, "generate");

  CgReportOptions p;
  if (cg_report_options_init(&p, CG_REPORT_OPTIONS_VERSION) != 0)
    return 1;
  NUM(CgReportOptions, p, "report", version);
  NUM(CgReportOptions, p, "report", top);
  NUM(CgReportOptions, p, "report", samples);
  NUM(CgReportOptions, p, "report", seed);
  NUM(CgReportOptions, p, "report", width);
  STR(CgReportOptions, p, "report", level);
  PTR(CgReportOptions, p, "report", progress);
  PTR(CgReportOptions, p, "report", progress_data);
  STR(CgReportOptions, p, "report", lang);
  STR(CgReportOptions, p, "report", csv_dir);
  PTR(CgReportOptions, p, "report", html_chains);
  PTR(CgReportOptions, p, "report", fraction);
  PTR(CgReportOptions, p, "report", fraction_data);
  SIZE(CgReportOptions, "report");
  return 0;
}
