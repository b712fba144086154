// Keyboard navigation of the month grid (templates/events/includes/month_grid.html).
// One day cell is in the tab order at a time; the arrow keys move between days,
// Home and End to the start and end of the week, Page Up and Page Down follow
// the previous and next month links. Tab from a day reaches its events.
(function () {
    "use strict";
    const grid = document.querySelector("[data-month-grid]");
    if (!grid) {
        return;
    }
    const days = Array.from(grid.querySelectorAll("td[data-day]"));

    function focusDay(target) {
        if (!target) {
            return;
        }
        days.forEach(function (day) {
            day.tabIndex = day === target ? 0 : -1;
        });
        target.focus();
    }

    function rowOf(cell) {
        return Array.from(cell.parentElement.querySelectorAll("td[data-day]"));
    }

    grid.addEventListener("keydown", function (event) {
        const cell = event.target.closest("td[data-day]");
        if (!cell || event.target !== cell || event.altKey || event.ctrlKey || event.metaKey) {
            return;
        }
        const index = days.indexOf(cell);
        let target = null;
        switch (event.key) {
            case "ArrowLeft": target = days[index - 1]; break;
            case "ArrowRight": target = days[index + 1]; break;
            case "ArrowUp": target = days[index - 7]; break;
            case "ArrowDown": target = days[index + 7]; break;
            case "Home": target = rowOf(cell)[0]; break;
            case "End": target = rowOf(cell).slice(-1)[0]; break;
            case "PageUp":
            case "PageDown": {
                const link = document.querySelector(event.key === "PageUp" ? ".month-nav__previous" : ".month-nav__next");
                if (link) {
                    event.preventDefault();
                    window.location.assign(link.href);
                }
                return;
            }
            default: return;
        }
        event.preventDefault();
        focusDay(target);
    });
}());
