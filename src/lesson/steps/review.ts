/** Step 8: a short quiz — the learner explains the difference in their own words (by choosing). */
import { loadQuiz } from "../../content/lesson-content.js";
import { mark, saveState } from "../context.js";
import type { Step } from "../step.js";

export const review: Step = {
  id: "review",
  requires: ["curl"],
  traceless: true,
  pace: "quiz",
  detect(_view, state) {
    const done = state.quiz !== undefined;
    return { done, why: done ? "detect.review.done" : "detect.review.todo" };
  },
  async perform(ctx) {
    const questions = loadQuiz(ctx.lesson, ctx.io.lang);
    let score = 0;
    for (const [i, q] of questions.entries()) {
      const picked = await ctx.io.select(
        `${ctx.t("quiz.question", { n: i + 1, total: questions.length })} ${q.question}`,
        q.choices.map((c, idx) => ({ value: idx, name: c })),
        // Without a learner (--yes / no TTY) the quiz shows each answer with its explanation.
        ctx.io.interactive ? 0 : q.answer,
      );
      const right = picked === q.answer;
      if (right) score += 1;
      ctx.io.notify({
        type: "explain",
        step: "review",
        section: "note",
        markdown: `${right ? ctx.t("quiz.right") : ctx.t("quiz.wrong", { answer: q.choices[q.answer] ?? "" })}\n\n${q.explanation}`,
      });
    }
    ctx.state.quiz = { score, total: questions.length, at: new Date(ctx.clock.now()).toISOString() };
    saveState(ctx);
    ctx.io.notify({ type: "quiz-result", score, total: questions.length });
    mark(ctx, "review");
  },
};
