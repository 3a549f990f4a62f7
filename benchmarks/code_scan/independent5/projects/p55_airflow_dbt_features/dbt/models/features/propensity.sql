-- features for the propensity model (one row per customer)
with orders as (
    select customer_id, count(*) as n_orders, sum(amount) as revenue
    from {{ source('raw', 'orders') }}
    where order_ts >= dateadd(day, -365, current_date)
    group by 1
)
select c.customer_id, o.n_orders, o.revenue, datediff(day, c.signup_date, current_date) as tenure_days
from {{ source('raw', 'customers') }} c
left join orders o using (customer_id)
