import json, sys, collections, copy
sys.path.insert(0,'/tmp/tauref')
import importlib.util
spec=importlib.util.spec_from_file_location('tools','/tmp/tauref/tau_bench/envs/airline/tools/__init__.py', submodule_search_locations=['/tmp/tauref/tau_bench/envs/airline/tools'])
# simpler: import package
from tau_bench.envs.airline.tools import ALL_TOOLS
from hashlib import sha256
def to_hashable(item):
    if isinstance(item, dict): return tuple((k, to_hashable(v)) for k, v in sorted(item.items()))
    if isinstance(item, list): return tuple(to_hashable(e) for e in item)
    return item
def h(d): return sha256(str(to_hashable(d)).encode()).hexdigest()
D='/tmp/tauref/tau_bench/envs/airline/data/'
BASE={k:json.load(open(D+k+'.json')) for k in ['flights','reservations','users']}
def load(): return copy.deepcopy(BASE)
tools={t.get_info()['function']['name']:t for t in ALL_TOOLS}
def step(data,name,kwargs):
    if name in tools:
        try: return tools[name].invoke(data=data, **kwargs)
        except Exception as e: return f"Error: {e}"
    return f"Unknown action {name}"
if __name__=='__main__':
    print(h(BASE))
    rows=[json.loads(l) for l in open('/work/wt/h-tau/examples/tau-bench/airline/trajectories_gpt4o.jsonl')]
    match=0; total=0; mism=[]; rewards=[]
    for r in rows:
        data=load(); results={}
        calls=[]
        for m in r['messages']:
            if m['role']=='assistant' and m.get('tool_calls'):
                for tc in m['tool_calls']:
                    kw=json.loads(tc['function']['arguments'])
                    out=step(data,tc['function']['name'],kw)
                    results[tc['id']]=out
            if m['role']=='tool':
                total+=1
                if results.get(m['tool_call_id'])==m['content']: match+=1
                else: mism.append((r['task_id'],r['trial'],m['name'],m['content'][:200],str(results.get(m['tool_call_id']))[:200]))
        hh=h(data)
        gt=load()
        for a in r['task']['actions']:
            if a['name']!='transfer_to_human_agents': step(gt,a['name'],a['kwargs'])
        rew=1.0 if h(gt)==hh else 0.0
        for o in r['task']['outputs']:
            if not any(m['role']=='assistant' and m.get('content') and o.lower() in m['content'].lower().replace(',','') for m in r['messages']): rew=0.0
        rewards.append((r['task_id'],rew))
    print('match',match,'of',total)
    for x in mism: print(x)
    print(collections.Counter(x[1] for x in rewards), sum(x[1] for x in rewards)/len(rewards))
