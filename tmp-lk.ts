import { StackModel } from './synthesized/model';
import { SimStack, weakestSignIn } from './simulator/evaluate';
import { ORDINARY } from './simulator/context';
for (const m of StackModel.loadDir('cdktf.out')) {
  const sim = SimStack.of(m);
  for (const app of sim.apps)
    for (const g of app.groups) {
      const r = weakestSignIn(sim, g, app.key, ORDINARY);
      console.log(m.stackName, app.key, g, r.decision, r.signIn ?? r.reason);
    }
}
