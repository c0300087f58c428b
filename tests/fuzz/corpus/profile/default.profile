# chaingraph risk profile (docs/risk-model.md)

# P0: failure probability of a node whose score is 1 (one producing region, no foreign dependence, no substitute, no recycling); P = 1 - (1 - P0)^score
base_probability = 0.05

# concentration (HHI) used for a node no region is known to produce
unsourced_concentration = 0.5

# whether planned capabilities (produces … role=develop) count as producing regions (the documents are plans: by default they do; 0 counts only what exists today)
planned_claims = true

# foreign-factor increment for chokepoint evidence of kind chokepoint (卡脖子)
foreign.chokepoint = 2

# foreign-factor increment for kind foreign (依赖国外/依赖进口)
foreign.foreign = 1

# foreign-factor increment for kind monopoly (国外垄断)
foreign.monopoly = 1.5

# foreign-factor increment for kind substitution (进口替代/国产化: still imported today)
foreign.substitution = 0.5

# foreign-factor increment for kind bottleneck (瓶颈/短板: a domestic technology bottleneck, not a dependence on foreign supply)
foreign.bottleneck = 0.25

# foreign-factor increment for any other chokepoint kind
foreign.other = 1

# foreign-factor increment per unit of import-dependence share (import=)
import_weight = 2

# substitution factor = 1 - substitution_weight * substitutability (subst=)
substitution_weight = 0.8

# recycling factor = 1 - recycling_weight * end-of-life recycling input rate (recycle=)
recycling_weight = 1

# stage factor of nodes without a stage
stage.unknown = 1

# stage factor of raw materials
stage.raw = 1

# stage factor of materials
stage.material = 1

# stage factor of components
stage.component = 1

# stage factor of products
stage.product = 1

# stage factor of applications (0: the demand side fails only through its inputs)
stage.application = 0

# stage factor of recycling nodes
stage.recycling = 1
